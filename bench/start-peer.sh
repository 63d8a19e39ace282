#!/bin/bash
# start-peer.sh NAME PORT  -- start one peer SMTP sink on 127.0.0.1:PORT in the background (setup-peers.sh first).
# Prints the PID of the server process as its last line (kill it with: kill PID).
# NAMES: smtp-sink | aiosmtpd | aiosmtpd-durable | subetha | haraka | james
# Env:  JAVA (java binary for JVM peers, default: java on PATH = JDK 17)
#       JAVA_OPTS (default: -Xmx1g)
#       RUN_DIR  (logs, spools, per-port configs; default: ./run)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=${1:?usage: start-peer.sh NAME PORT}
PORT=${2:?usage: start-peer.sh NAME PORT}
HOST=127.0.0.1
if [ "$PORT" -lt 1024 ] || [ "$PORT" -gt 65535 ]; then echo "port must be in 1024-65535, not $PORT" >&2; exit 2; fi
RUN_DIR=${RUN_DIR:-$HERE/run}
mkdir -p "$RUN_DIR"
LOG=$RUN_DIR/$NAME-$PORT.log
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
PY=/usr/bin/python3
ulimit -n 20000 2>/dev/null || true

if ss -Hltn "sport = :$PORT" | grep -q .; then echo "port $PORT already in use" >&2; exit 3; fi

case "$NAME" in
  smtp-sink)
    # -u nobody: required when started as root; -m: max simultaneous connections (default 256)
    USER_OPT=(); [ "$(id -u)" = 0 ] && USER_OPT=(-u nobody)
    setsid /usr/sbin/smtp-sink "${USER_OPT[@]}" -m 5000 $HOST:$PORT 4096 >"$LOG" 2>&1 < /dev/null &
    ;;
  aiosmtpd)
    setsid $PY "$HERE/peers/aiosmtpd/aiosmtpd_sink.py" discard $HOST $PORT >"$LOG" 2>&1 < /dev/null &
    ;;
  aiosmtpd-durable)
    SPOOL=$RUN_DIR/spool-$PORT; rm -rf "$SPOOL"; mkdir -p "$SPOOL"
    setsid $PY "$HERE/peers/aiosmtpd/aiosmtpd_sink.py" durable $HOST $PORT "$SPOOL" >"$LOG" 2>&1 < /dev/null &
    ;;
  subetha)
    D=$HERE/peers/subetha/target
    setsid $JAVA $JAVA_OPTS -cp "$D/subetha-sink-1.jar:$D/lib/*" bench.SubethaSink $HOST $PORT >"$LOG" 2>&1 < /dev/null &
    ;;
  james)
    D=$HERE/peers/james/target
    setsid $JAVA $JAVA_OPTS -cp "$D/james-sink-1.jar:$D/lib/*" bench.JamesSink $HOST $PORT >"$LOG" 2>&1 < /dev/null &
    ;;
  haraka)
    CFG=$RUN_DIR/haraka-$PORT; rm -rf "$CFG"; cp -r "$HERE/peers/haraka" "$CFG"
    sed "s/@LISTEN@/$HOST:$PORT/" "$CFG/config/smtp.ini.tmpl" > "$CFG/config/smtp.ini"
    setsid node "$HERE/peers/haraka-npm/node_modules/haraka/bin/haraka" -c "$CFG" >"$LOG" 2>&1 < /dev/null &
    ;;
  *) echo "unknown peer $NAME" >&2; exit 2;;
esac
PID=$!
# wait (bounded, 60 s) until something listens on the port
for i in $(seq 1 240); do
  if ss -Hltn "sport = :$PORT" | grep -q .; then break; fi
  if ! kill -0 $PID 2>/dev/null; then echo "peer $NAME died; log:" >&2; tail -20 "$LOG" >&2; exit 4; fi
  sleep 0.25
done
ss -Hltn "sport = :$PORT" | grep -q . || { echo "peer $NAME not listening after 60 s" >&2; kill $PID; exit 5; }
echo $PID
