#!/usr/bin/env bash
# Pillarbox's load generator (smtp-client, run by LoadRun) against Postfix's smtp-source, both driving one
# smtp-sink with the same shape: 20 sessions, 20,000 messages of 1 KiB payload, connections reused. The runs are
# interleaved (A, B, A, B, ...), REPS of each; one line per run. docs/performance.md, "Load generator vs
# smtp-source", has the results and what the columns mean.
#
#   J25=/path/to/jdk-25/bin/java REPS=3 smtp-benchmarks/load-vs-smtp-source.sh
#
# Needs: the benchmarks jar (mvn -q -pl smtp-benchmarks -am package -DskipTests), Debian's postfix (smtp-sink,
# smtp-source), python3 (to pick a free port), GNU time (/usr/bin/time). Runs as root or not (smtp-sink drops to
# nobody when root). Everything it starts is stopped by PID; the temporary folder is removed.
set -euo pipefail
cd "$(dirname "$0")/.."
J25=${J25:?set J25 to a JDK 25 java}
JAR=smtp-benchmarks/target/benchmarks.jar
REPS=${REPS:-3}
SESSIONS=20 MESSAGES=20000 SIZE=1024
DIR=$(mktemp -d)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
USER_OPT=(); [ "$(id -u)" = 0 ] && USER_OPT=(-u nobody)
smtp-sink "${USER_OPT[@]}" "127.0.0.1:$PORT" 1024 > "$DIR/sink.log" 2>&1 &
SINK=$!
trap 'kill $SINK 2>/dev/null; rm -rf "$DIR"' EXIT
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done

LOADRUN=(-cp "$JAR" dev.pillarbox.smtp.benchmarks.LoadRun 127.0.0.1 "$PORT" $SESSIONS $MESSAGES $SIZE)
# JVM set-up for a short run on a 2-core machine: the sessions' virtual threads on one carrier thread (the other
# core is the server's), C1 only (less JIT work in a sub-second run), the serial collector
TUNED=(-Djdk.virtualThreadScheduler.parallelism=1 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
# JDK 25's AOT cache (JEP 483, 514) from one training run of the same command, not measured
"$J25" -XX:AOTCacheOutput="$DIR/loadrun.aot" "${TUNED[@]}" "${LOADRUN[@]}" > "$DIR/training.log" 2>&1

sink_ticks() { awk '{print $14 + $15}' "/proc/$SINK/stat"; }
hz=$(getconf CLK_TCK)

run() { # name command...
  local name=$1; shift
  local before after
  before=$(sink_ticks)
  /usr/bin/time -f "%e %U %S" -o "$DIR/time" "$@" > "$DIR/out" 2>&1 || { cat "$DIR/out"; exit 1; }
  after=$(sink_ticks)
  read -r wall user sys < "$DIR/time"
  local run_s rate
  run_s=$(awk '/ messages in /{print $4}' "$DIR/out")
  rate=$(awk '/ messages in /{gsub(",", "", $6); print $6}' "$DIR/out")
  if [ -z "$run_s" ]; then # smtp-source prints nothing: its run is the process
    run_s=$wall
    rate=$(awk -v w="$wall" -v m=$MESSAGES 'BEGIN {printf "%.0f", m / w}')
  fi
  awk -v n="$name" -v r="$run_s" -v q="$rate" -v w="$wall" -v u="$user" -v s="$sys" -v a="$after" -v b="$before" \
      -v hz="$hz" -v m=$MESSAGES 'BEGIN {printf "%-20s run_s=%-6s msgs_per_s=%-6s wall_s=%-5s user_s=%-5s sys_s=%-5s" \
      " cpu_us_per_msg=%-5.1f sink_cpu_us_per_msg=%.1f\n", n, r, q, w, u, s, (u + s) * 1e6 / m, (a - b) * 1e6 / hz / m}'
}

for _ in $(seq "$REPS"); do
  run pillarbox-defaults "$J25" "${LOADRUN[@]}"
  run smtp-source smtp-source -s $SESSIONS -m $MESSAGES -l $SIZE -d "127.0.0.1:$PORT"
  run pillarbox-tuned "$J25" "${TUNED[@]}" "${LOADRUN[@]}"
  run smtp-source smtp-source -s $SESSIONS -m $MESSAGES -l $SIZE -d "127.0.0.1:$PORT"
  run pillarbox-tuned-aot "$J25" -XX:AOTCache="$DIR/loadrun.aot" "${TUNED[@]}" "${LOADRUN[@]}"
  run smtp-source smtp-source -s $SESSIONS -m $MESSAGES -l $SIZE -d "127.0.0.1:$PORT"
done
