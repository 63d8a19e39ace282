"""Added latency of a relaying server: the time from its 250 after DATA to the message's arrival at the next hop.

Usage: forward_latency.py HOST PORT DUMP_DIR COUNT RECIPIENT

Sends COUNT messages of 1 KiB one at a time over one SMTP connection to HOST:PORT (smtplib), each to RECIPIENT;
after each 250 it waits (at most 30 s) for the next hop, an smtp-sink started with "-d DUMP_DIR/...", to write the
message's dump file (created at the start of the transaction, complete once the message's last line is in it), and
takes the complete file's modification time as the arrival. Both clocks are this machine's real
time clock. Prints one line: count, median, p90, p99 and max in milliseconds.
"""
import os
import smtplib
import sys
import time

host, port, dump_dir, count, recipient = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
filler = ("x" * 70 + "\r\n") * 13
seen = set(os.listdir(dump_dir))
latencies = []
with smtplib.SMTP(host, port, timeout=30) as client:
    for i in range(count):
        marker = ("<lat%d.%d@bench.test>" % (i, time.time_ns())).encode()
        message = "Subject: latency %d\r\nMessage-ID: %s\r\n\r\n%send %d\r\n" % (i, marker.decode(), filler, i)
        last_line = ("end %d" % i).encode()
        client.sendmail("latency@client.test", [recipient], message)
        acknowledged = time.time_ns()
        deadline = time.monotonic() + 30
        arrived = None
        while arrived is None:
            if time.monotonic() > deadline:
                sys.exit("message %d did not reach the next hop within 30 s" % i)
            for name in set(os.listdir(dump_dir)) - seen:
                path = os.path.join(dump_dir, name)
                with open(path, "rb") as dump:
                    content = dump.read()
                if marker in content and content.rstrip().endswith(last_line):
                    seen.add(name)
                    arrived = os.stat(path).st_mtime_ns
            if arrived is None:
                time.sleep(0.0002)  # polling the dump directory, bounded by the deadline
        latencies.append((arrived - acknowledged) / 1e6)
latencies.sort()


def pct(p):
    return latencies[min(len(latencies) - 1, int(p * len(latencies)))]


print("n=%d median=%.1fms p90=%.1fms p99=%.1fms max=%.1fms"
      % (len(latencies), pct(0.5), pct(0.9), pct(0.99), latencies[-1]))
