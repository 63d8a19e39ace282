#!/bin/bash
# bench.sh HOST PORT WORKLOAD [PID]
# Runs one workload against an already-running SMTP server with one load generator and prints key=value lines; the
# last line is always  msgs_per_s=<n>  (NA for IDLE, FAIL/TIMEOUT on error).
#
# GEN chooses the load generator:
#   smtp-source (default)  Postfix's smtp-source: HELO, no pipelining, one command at a time
#   pillarbox              Pillarbox's own: `pillarbox load ... --pipelining` (EHLO, RFC 2920 pipelining: one round
#                          trip per message), on a JVM with LOAD_JAVA_OPTS
#
# WORKLOAD (Postfix 3.7 smtp-source: -d = REUSE the connection; without -d = one msg per connection)
#   W1     20 sessions, 20000 x 1 KiB, connections reused            smtp-source -d -s 20  -m 20000 -l 1024
#   W2     20 sessions, 20000 x 100 KiB, connections reused          smtp-source -d -s 20  -m 20000 -l 102400
#   W3     20 sessions, 10000 x 1 KiB, one message per connection    smtp-source    -s 20  -m 10000 -l 1024
#   W4     500 sessions, 20000 x 1 KiB, connections reused           smtp-source -d -s 500 -m 20000 -l 1024
#   IDLE   RSS idle, then RSS while 1000 idle connections (greeting read) are held 5 s
#   WARMUP WARMUP_ROUNDS (default 3) x W1, then 2000 msgs of W2, W4, W3 (JIT warm-up; not quoted)
# (pillarbox load: the same with --sessions S --messages M --size L [--reuse] --pipelining)
# PID: server process for RSS/CPU accounting (it and its descendants); default: the process
#      listening on HOST:PORT according to `ss -ltnp`.
# Env: TIMEOUT (seconds per load run, default 600), MSGS (override message count), SESSIONS (override -s),
#      SRC (smtp-source binary, default /usr/sbin/smtp-source), PILLARBOX (the pillarbox command, default
#      ../bin/pillarbox), JAVA (its JVM), LOAD_JAVA_OPTS (its JVM options, default: one carrier thread for the
#      virtual threads, C1 only, the serial collector: a short run on 2 cores, see docs/performance.md)
set -uo pipefail
HOST=${1:?usage: bench.sh HOST PORT WORKLOAD [PID]}
PORT=${2:?}
WL=${3:?}
PID=${4:-}
HERE=$(cd "$(dirname "$0")" && pwd)
TIMEOUT=${TIMEOUT:-600}
SRC=${SRC:-/usr/sbin/smtp-source}
GEN=${GEN:-smtp-source}
PILLARBOX=${PILLARBOX:-$HERE/../bin/pillarbox}
LOAD_JAVA_OPTS=${LOAD_JAVA_OPTS:--Djdk.virtualThreadScheduler.parallelism=1 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
case "$GEN" in smtp-source|pillarbox) ;; *) echo "GEN must be smtp-source or pillarbox, not $GEN" >&2; exit 2;; esac
case "$HOST" in 127.*|localhost|::1) ;; *) echo "refusing non-loopback host $HOST" >&2; exit 2;; esac
ulimit -n 20000 2>/dev/null || true

if [ -z "$PID" ]; then
  PID=$(ss -Hltnp "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
fi
[ -n "$PID" ] && [ -d /proc/$PID ] || { echo "no server process found for port $PORT" >&2; echo "msgs_per_s=FAIL"; exit 1; }

# --- /proc accounting of PID + descendants, bash builtins only (no forks while sampling) ---
tree_pids() {
  local todo=("$1") out=() p c t
  while [ ${#todo[@]} -gt 0 ]; do
    p=${todo[0]}; todo=("${todo[@]:1}"); out+=("$p")
    for t in /proc/$p/task/*/children; do
      [ -r "$t" ] || continue
      read -r -a kids < "$t" 2>/dev/null || true
      for c in "${kids[@]:-}"; do [ -n "$c" ] && todo+=("$c"); done
    done
  done
  echo "${out[@]}"
}
tree_rss_kb() {  # sum of VmRSS (KiB)
  local sum=0 p k v u
  for p in $(tree_pids "$1"); do
    while read -r k v u; do [ "$k" = "VmRSS:" ] && { sum=$((sum + v)); break; }; done < /proc/$p/status 2>/dev/null
  done
  echo $sum
}
tree_cpu_ticks() {  # utime+stime (clock ticks) of the live processes (all threads included)
  local sum=0 p line rest f
  for p in $(tree_pids "$1"); do
    read -r line < /proc/$p/stat 2>/dev/null || continue
    rest=${line##*) }; read -r -a f <<< "$rest"
    sum=$((sum + f[11] + f[12]))
  done
  echo $sum
}
tree_hwm_kb() {  # sum of VmHWM (peak RSS since the last reset_hwm), KiB
  local sum=0 p k v u
  for p in $(tree_pids "$1"); do
    while read -r k v u; do [ "$k" = "VmHWM:" ] && { sum=$((sum + v)); break; }; done < /proc/$p/status 2>/dev/null
  done
  echo $sum
}
reset_hwm() {  # "5" > clear_refs resets VmHWM to the current RSS (Linux >= 4.0, needs owner/root)
  local p
  for p in $(tree_pids "$1"); do echo 5 2>/dev/null > /proc/$p/clear_refs || true; done
}
HZ=$(getconf CLK_TCK)

# smtp-source's arguments as pillarbox load's: -d -> --reuse, -s -> --sessions, -m -> --messages, -l -> --size
pillarbox_args() {
  local out=(load --server "$HOST:$PORT" --pipelining --no-progress --helo bench.example --from sender@bench.example
             --to rcpt@bench.example --timeout 120)
  while [ $# -gt 0 ]; do
    case "$1" in
      -d) out+=(--reuse); shift;;
      -s) out+=(--sessions "$2"); shift 2;;
      -m) out+=(--messages "$2"); shift 2;;
      -l) out+=(--size "$2"); shift 2;;
      -M|-f|-t) shift 2;;
      *) echo "bench.sh: no pillarbox load equivalent for smtp-source's $1" >&2; exit 2;;
    esac
  done
  echo "${out[@]}"
}

run_source() {  # args: label smtp-source-args...   (sets WALL, RC, CCPU, RSS_PEAK)
  local label=$1; shift
  local tf; tf=$(mktemp)
  local gen=("$SRC" "$@" "$HOST:$PORT")
  if [ "$GEN" = pillarbox ]; then
    # shellcheck disable=SC2207 # the arguments hold no spaces
    gen=(env JAVA_OPTS="$LOAD_JAVA_OPTS" "$PILLARBOX" $(pillarbox_args "$@"))
  fi
  echo "cmd=${gen[*]}"
  local rss0 cpu0 cpu1
  rss0=$(tree_rss_kb $PID); cpu0=$(tree_cpu_ticks $PID)
  reset_hwm $PID
  local t0=$EPOCHREALTIME
  /usr/bin/time -f "%e %U %S" -o "$tf" timeout -k 5 "$TIMEOUT" "${gen[@]}" > "$tf.out" 2> "$tf.err" &
  local bg=$!
  wait $bg; RC=$?
  local t1=$EPOCHREALTIME
  cpu1=$(tree_cpu_ticks $PID)
  RSS_PEAK=$(tree_hwm_kb $PID)
  read -r _ CU CS < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+$' "$tf" | tail -1)
  WALL=$(awk -v a=$t0 -v b=$t1 'BEGIN{printf "%.3f", b-a}')   # bash EPOCHREALTIME, microseconds
  PROCESS_WALL=$WALL
  if [ "$GEN" = pillarbox ]; then
    # the load generator's own measure, first connect to last reply (JVM start-up and exit not counted); it exits 3
    # when a message failed, which is a failed run here as it is for smtp-source
    sed "s/^/${label}_out: /" "$tf.out"
    WALL=$(awk '/ messages in /{print $4; exit}' "$tf.out")
    if [ "$RC" = 0 ] && ! grep -q ' 0 failed;' "$tf.out"; then RC=1; fi
  fi
  CCPU=$(awk -v a="${CU:-0}" -v b="${CS:-0}" 'BEGIN{printf "%.2f", a+b}')
  SCPU=$(awk -v d=$((cpu1 - cpu0)) -v hz=$HZ 'BEGIN{printf "%.2f", d/hz}')
  echo "${label}_rc=$RC"
  [ -s "$tf.err" ] && sed "s/^/${label}_stderr: /" "$tf.err" | head -5
  echo "${label}_rss_before_kb=$rss0"
  echo "${label}_rss_peak_kb=$RSS_PEAK"
  echo "${label}_wall_s=${WALL:-NA}"
  echo "${label}_process_wall_s=$PROCESS_WALL"
  echo "${label}_client_cpu_s=$CCPU"
  echo "${label}_server_cpu_s=$SCPU"
  rm -f "$tf" "$tf.err" "$tf.out"
}

rate_line() {  # args: msgs length
  local n=$1 len=$2
  if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then echo "msgs_per_s=TIMEOUT"; return; fi
  if [ "$RC" -ne 0 ] || [ -z "${WALL:-}" ]; then echo "msgs_per_s=FAIL"; return; fi
  awk -v n=$n -v w=$WALL -v l=$len -v s=$SCPU -v c=$CCPU 'BEGIN{
      if (w <= 0) w = 0.01;
      printf "mb_per_s=%.1f\n", n*l/w/1e6;
      printf "server_cpu_ms_per_1k_msgs=%.1f\n", s*1e6/n;
      printf "client_cpu_ms_per_1k_msgs=%.1f\n", c*1e6/n;
      printf "msgs_per_s=%.0f\n", n/w }'
}

COMMON="-M bench.example -f sender@bench.example -t rcpt@bench.example"
echo "workload=$WL host=$HOST port=$PORT pid=$PID generator=$GEN"
case "$WL" in
  W1) N=${MSGS:-20000}; run_source w1 $COMMON -d -s ${SESSIONS:-20}  -m $N -l 1024;   rate_line $N 1024 ;;
  W2) N=${MSGS:-20000}; run_source w2 $COMMON -d -s ${SESSIONS:-20}  -m $N -l 102400; rate_line $N 102400 ;;
  W3) N=${MSGS:-10000}; run_source w3 $COMMON    -s ${SESSIONS:-20}  -m $N -l 1024;   rate_line $N 1024 ;;
  W4) N=${MSGS:-20000}; run_source w4 $COMMON -d -s ${SESSIONS:-500} -m $N -l 1024;   rate_line $N 1024 ;;
  IDLE)
    echo "rss_idle_kb=$(tree_rss_kb $PID)"
    reset_hwm $PID
    timeout -k 5 120 /usr/bin/python3 "$HERE/tools/hold_conns.py" "$HOST" "$PORT" ${CONNS:-1000} 5 "$PID"
    echo "rss_held_hwm_kb=$(tree_hwm_kb $PID)"
    sleep 1
    echo "rss_after_close_kb=$(tree_rss_kb $PID)"
    echo "msgs_per_s=NA" ;;
  WARMUP)  # WARMUP_ROUNDS x W1, then 2000 msgs each of W2, W4 and W3 (JIT/GC warm-up; not reported)
    for ((r = 0; r < ${WARMUP_ROUNDS:-3}; r++)); do run_source wu1 $COMMON -d -s 20 -m 20000 -l 1024 > /dev/null; done
    run_source wu2 $COMMON -d -s 20  -m 2000 -l 102400 > /dev/null
    run_source wu4 $COMMON -d -s 500 -m 2000 -l 1024 > /dev/null
    run_source wu3 $COMMON    -s 20  -m 2000 -l 1024 ; rate_line 2000 1024 ;;
  *) echo "unknown workload $WL" >&2; echo "msgs_per_s=FAIL"; exit 2 ;;
esac
