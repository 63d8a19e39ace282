"""Added latency of a relaying server: the time from the end of a message's data to its arrival at the next hop.

Usage: forward_latency.py HOST PORT DUMP_DIR COUNT RECIPIENT

Sends COUNT messages of 1 KiB one at a time over one SMTP connection to HOST:PORT, each to RECIPIENT. For each it
notes the time just before it writes the data with its final "." line, the time it reads the relay's reply, and
waits (at most 30 s) for the next hop, an smtp-sink started with "-d DUMP_DIR/...", to write the message's dump file
(created at the start of the transaction, complete once the message's last line is in it); the arrival is the time
this script first sees the complete file, polling every 0.2 ms. All three are this machine's real time clock. The
file's modification time is not used: the kernel stamps it from a clock that advances once per tick (up to 4 ms),
so it can come out earlier than the end of the data it follows. Seeing the file is late by at most the polling
interval plus the time this script waits to be scheduled, the same for every relay. Measuring from the end of the data,
not from the client's reading of the 250, keeps the figure honest on a loaded machine, where the relay may have
handed the message on before the client is scheduled to read its reply. Prints one line: count, then median, p90,
p99 and max in milliseconds of "to 250" (the relay's acceptance, its fsyncs included) and "to next hop".
"""
import os
import smtplib
import sys
import time

host, port, dump_dir, count, recipient = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
filler = ("x" * 70 + "\r\n") * 13
seen = set(os.listdir(dump_dir))
accepted, arrived_after = [], []
with smtplib.SMTP(host, port, timeout=30) as client:
    client.ehlo("latency.client.test")
    for i in range(count):
        marker = "<lat%d.%d@bench.test>" % (i, time.time_ns())
        last_line = "end %d" % i
        data = ("Subject: latency %d\r\nMessage-ID: %s\r\n\r\n%s%s\r\n.\r\n"
                % (i, marker, filler, last_line)).encode("ascii")  # no line starts with ".": nothing to stuff
        for command, arg, want in (("mail", "FROM:<latency@client.test>", 250), ("rcpt", "TO:<%s>" % recipient, 250),
                                   ("data", "", 354)):
            code, reply = client.docmd(command, arg)
            if code != want:
                sys.exit("%s %s: %d %s" % (command, arg, code, reply))
        end_of_data = time.time_ns()
        client.send(data)
        code, reply = client.getreply()
        replied = time.time_ns()
        if code != 250:
            sys.exit("after the data: %d %s" % (code, reply))
        deadline = time.monotonic() + 30
        arrived = None
        while arrived is None:
            if time.monotonic() > deadline:
                sys.exit("message %d did not reach the next hop within 30 s" % i)
            for name in set(os.listdir(dump_dir)) - seen:
                path = os.path.join(dump_dir, name)
                with open(path, "rb") as dump:
                    content = dump.read()
                if marker.encode() in content and content.rstrip().endswith(last_line.encode()):
                    seen.add(name)
                    arrived = time.time_ns()
            if arrived is None:
                time.sleep(0.0002)  # polling the dump directory, bounded by the deadline
        accepted.append((replied - end_of_data) / 1e6)
        arrived_after.append((arrived - end_of_data) / 1e6)


def summary(values):
    values = sorted(values)
    pct = lambda p: values[min(len(values) - 1, int(p * len(values)))]
    return "median=%.1fms p90=%.1fms p99=%.1fms max=%.1fms" % (pct(0.5), pct(0.9), pct(0.99), values[-1])


print("n=%d to-250 %s to-next-hop %s" % (len(accepted), summary(accepted), summary(arrived_after)))
