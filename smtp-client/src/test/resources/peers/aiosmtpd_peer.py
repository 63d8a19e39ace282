"""An aiosmtpd server for the smtp-client tests: SMTP or LMTP on a loopback port, optionally with STARTTLS or implicit
TLS, AUTH PLAIN/LOGIN for one user, SMTPUTF8 and a SIZE limit. Each accepted message is written to --dir as N.eml
(the content exactly as received, dot-stuffing removed) and N.txt (envelope, MAIL parameters, TLS, user).

Recipients whose local part starts with "deferred" get 450, "refused" 550; under LMTP, "full" gets 452 after DATA.
"""
import argparse
import asyncio
import itertools
import os
import ssl

from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--dir", required=True)
parser.add_argument("--lmtp", action="store_true")
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--implicit-tls", action="store_true")
parser.add_argument("--user")
parser.add_argument("--password")
parser.add_argument("--size", type=int, default=33554432)
parser.add_argument("--smtputf8", action="store_true")
args = parser.parse_args()

counter = itertools.count(1)


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("deferred"):
            return "450 4.2.1 Mailbox busy, try later"
        if local.startswith("refused"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.append(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        n = next(counter)
        with open(os.path.join(args.dir, "%d.eml" % n), "wb") as f:
            f.write(envelope.original_content)
        user = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else "-"
        meta = ["mail_from: " + envelope.mail_from,
                "mail_options: " + " ".join(envelope.mail_options),
                "rcpt_tos: " + " ".join(envelope.rcpt_tos),
                "tls: " + ("yes" if session.ssl is not None else "no"),
                "user: " + user]
        with open(os.path.join(args.dir, "%d.txt" % n), "w", encoding="utf-8") as f:
            f.write("\n".join(meta) + "\n")
        if args.lmtp:
            return "\r\n".join("452 4.2.2 Mailbox full" if r.startswith("full") else "250 2.0.0 <%s> delivered" % r
                               for r in envelope.rcpt_tos)
        return "250 2.0.0 Message %d accepted" % n


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
          and auth_data.password.decode() == args.password)
    # handled=False makes aiosmtpd answer the failure with its 535 itself
    return AuthResult(success=True, auth_data=auth_data) if ok else AuthResult(success=False, handled=False)


context = None
if args.cert:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)


def factory():
    kwargs = dict(hostname="aiosmtpd.test", data_size_limit=args.size, enable_SMTPUTF8=args.smtputf8,
                  decode_data=False)
    if context is not None and not args.implicit_tls:
        kwargs.update(tls_context=context, require_starttls=False)
    if args.user:
        kwargs.update(authenticator=authenticator, auth_require_tls=True)
    return (LMTP if args.lmtp else SMTP)(Handler(), **kwargs)


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
server = loop.run_until_complete(loop.create_server(
    factory, host="127.0.0.1", port=args.port, ssl=context if args.implicit_tls else None))
print("listening on", args.port, flush=True)
loop.run_forever()
