"""Parses a delivery status notification from stdin with Python's email package and prints what it found.

One "key=value" line per finding: the top-level type and its report-type, the defects Python reports, each
part's type, the per-message fields and each recipient's fields of the delivery-status part, and the returned
message's Subject. The Java test compares these lines with what it composed.
"""
import email
import email.policy
import re
import sys

msg = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
out = []
out.append("content-type=" + msg.get_content_type())
out.append("report-type=" + str(msg.get_param("report-type")))
out.append("auto-submitted=" + str(msg["Auto-Submitted"]))
out.append("subject=" + str(msg["Subject"]))
out.append("from=" + str(msg["From"]))
out.append("to=" + str(msg["To"]))
out.append("date-parsed=" + str(msg["Date"].datetime.isoformat()))
defects = list(msg.defects)
for part in msg.walk():
    defects.extend(part.defects)
out.append("defects=" + str(len(defects)) + " " + " ".join(type(d).__name__ for d in defects))
for part in msg.iter_parts():
    ctype = part.get_content_type()
    out.append("part=" + ctype)
    if ctype in ("message/delivery-status", "message/global-delivery-status"):
        if ctype == "message/delivery-status":
            blocks = part.get_payload()
        else:
            # Python reads this RFC 6533 type as one message: the per-message fields as its header, the
            # recipient blocks (header blocks separated by empty lines) as its body
            first = part.get_payload(0)
            # its body as the octets sent, read as UTF-8 (RFC 6533 3)
            rest = first.get_payload(decode=True).decode("utf-8")
            blocks = [first] + [email.message_from_string(b, policy=email.policy.default)
                                for b in re.split(r"\r?\n\r?\n", rest) if b.strip()]
        for name, value in blocks[0].items():
            out.append("msg." + name + "=" + str(value))
        for i, block in enumerate(blocks[1:]):
            for name, value in block.items():
                out.append("rcpt." + str(i) + "." + name + "=" + str(value))
    elif ctype in ("message/rfc822", "message/global"):
        inner = part.get_payload(0)
        out.append("returned.subject=" + str(inner["Subject"]))
        out.append("returned.body=" + repr(inner.get_payload(decode=True)))
    elif ctype == "text/plain":
        out.append("text.charset=" + str(part.get_content_charset()))
sys.stdout.write("\n".join(out) + "\n")
