#!/bin/bash
# compare.sh -- run the whole matrix (servers x load generators x workloads x reps), interleaved; write results.md
#
# usage: ./compare.sh [options]
#   --peers "smtp-sink aiosmtpd ..."   peers to start with start-peer.sh (default: all six; "" for none), each on a
#                                      free loopback port the OS hands out
#   --server NAME PORT 'COMMAND'       also start COMMAND (via bash -c, in its own session), wait for
#                                      127.0.0.1:PORT to listen, bench it, stop it at the end (repeatable).
#                                      PORT 0: a free port, written into COMMAND where it says {port}
#   --external NAME PORT               also bench a server that is already listening on 127.0.0.1:PORT
#                                      (not started or stopped by this script; repeatable)
#   --generators "smtp-source pillarbox"  load generators (default: smtp-source); see bench.sh
#   --ref NAME                         reference server for the ratio tables (default: pillarbox if present, else
#                                      the first server)
#   --reps N                           repetitions of each cell (default 3)
#   --workloads "W1 W2 W3 W4 IDLE"     default: all
#   --no-warmup                        skip the warm-up (bench.sh WARMUP with each generator) of every server
#   --out FILE                         default: results.md (raw per-run output goes to results-raw/<stamp>/)
# Order: for each workload, for rep in 1..N, every server once with every generator (the order of servers and of
# generators reversed on even reps): W1: A/g1 A/g2 B/g1 B/g2 .. then B/g2 B/g1 A/g2 A/g1 .. -> ratios are taken
# pairwise within a rep. IDLE does not depend on the generator: it runs once per server and rep.
# Env: RAW_BASE (where results-raw/<stamp> goes, default ./results-raw); passed through to bench.sh (MSGS, SESSIONS, TIMEOUT, WARMUP_ROUNDS, PILLARBOX, JAVA, LOAD_JAVA_OPTS) and to
# start-peer.sh (JAVA, JAVA_OPTS). Every process it starts is stopped by PID (its process group) at the end.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE"
PEERS="smtp-sink aiosmtpd aiosmtpd-durable subetha haraka james"
GENERATORS="smtp-source"
REPS=3
WORKLOADS="W1 W2 W3 W4 IDLE"
OUT=results.md
REF=""
WARMUP=1
declare -a X_NAME=() X_PORT=() X_CMD=()
while [ $# -gt 0 ]; do
  case "$1" in
    --peers) PEERS=$2; shift 2;;
    --server) X_NAME+=("$2"); X_PORT+=("$3"); X_CMD+=("$4"); shift 4;;
    --external) X_NAME+=("$2"); X_PORT+=("$3"); X_CMD+=(""); shift 3;;
    --generators) GENERATORS=$2; shift 2;;
    --ref) REF=$2; shift 2;;
    --reps) REPS=$2; shift 2;;
    --workloads) WORKLOADS=$2; shift 2;;
    --no-warmup) WARMUP=0; shift;;
    --out) OUT=$2; shift 2;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2;;
  esac
done
for g in $GENERATORS; do
  case "$g" in smtp-source|pillarbox) ;; *) echo "unknown generator $g (smtp-source, pillarbox)" >&2; exit 2;; esac
done
case "$REPS" in ''|*[!0-9]*|0) echo "--reps must be a positive number, not '$REPS'" >&2; exit 2;; esac

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RAW=${RAW_BASE:-$HERE/results-raw}/$STAMP
mkdir -p "$RAW"
export RUN_DIR=$RAW/run
mkdir -p "$RUN_DIR"
ulimit -n 20000 2>/dev/null || true

NAMES=(); PORTS=(); KILLPIDS=()
cleanup() {
  local p i
  for p in "${KILLPIDS[@]:-}"; do [ -n "$p" ] && kill -TERM -- -"$p" 2>/dev/null; done
  for i in $(seq 1 40); do
    local alive=0
    for p in "${KILLPIDS[@]:-}"; do [ -n "$p" ] && kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break; sleep 0.25
  done
  for p in "${KILLPIDS[@]:-}"; do [ -n "$p" ] && kill -0 "$p" 2>/dev/null && kill -KILL -- -"$p" 2>/dev/null; done
  rm -rf "$RUN_DIR"/spool-*   # durable peer's message files (bounded, but up to ~200 MB after W2)
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

listen_pid() { ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

{
  echo "stamp=$STAMP"
  echo "kernel=$(uname -sr)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "nproc=$(nproc)"
  echo "mem=$(free -g | awk '/Mem:/{print $2" GiB"}')"
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "postfix=$(dpkg-query -W -f='${Version}' postfix 2>/dev/null)"
  echo "python=$(/usr/bin/python3 -c 'import sys,aiosmtpd; print(sys.version.split()[0], "aiosmtpd", aiosmtpd.__version__)' 2>/dev/null)"
  echo "node=$(node --version 2>/dev/null) haraka=$(node -p "require('$HERE/peers/haraka-npm/node_modules/haraka/package.json').version" 2>/dev/null)"
  echo "java=$(${JAVA:-java} -version 2>&1 | head -1) opts=${JAVA_OPTS:--Xmx1g}"
  echo "generators=$GENERATORS reps=$REPS workloads=$WORKLOADS warmup=$WARMUP"
} > "$RAW/machine.txt"

# ---- start servers ----
for n in $PEERS; do
  case "$n" in smtp-sink|aiosmtpd|aiosmtpd-durable|subetha|haraka|james) ;; *) echo "unknown peer $n" >&2; exit 2;; esac
  p=$(free_port)
  pid=$(./start-peer.sh "$n" "$p" | tail -1) || { echo "SKIP $n: failed to start" | tee -a "$RAW/machine.txt"; continue; }
  KILLPIDS+=("$pid"); NAMES+=("$n"); PORTS+=("$p")
  echo "started $n on $p pid $pid"
done
for i in "${!X_NAME[@]}"; do
  n=${X_NAME[$i]}; p=${X_PORT[$i]}; c=${X_CMD[$i]}
  [ "$p" = 0 ] && p=$(free_port)
  c=${c//\{port\}/$p}
  if [ -n "$c" ]; then
    if ss -Hltn "sport = :$p" | grep -q .; then echo "port $p busy, not starting $n" >&2; exit 3; fi
    setsid bash -c "exec $c" > "$RUN_DIR/$n-$p.log" 2>&1 < /dev/null &
    spid=$!; KILLPIDS+=("$spid")
    for j in $(seq 1 240); do ss -Hltn "sport = :$p" | grep -q . && break; kill -0 $spid 2>/dev/null || break; sleep 0.25; done
    ss -Hltn "sport = :$p" | grep -q . || { echo "SKIP $n: not listening on $p (see $RUN_DIR/$n-$p.log)" | tee -a "$RAW/machine.txt"; continue; }
    echo "started $n on $p pid $spid: $c"
    echo "cmd_$n=$c" >> "$RAW/machine.txt"
  else
    ss -Hltn "sport = :$p" | grep -q . || { echo "SKIP $n: nothing listens on $p" | tee -a "$RAW/machine.txt"; continue; }
    echo "cmd_$n=(external, already running)" >> "$RAW/machine.txt"
  fi
  NAMES+=("$n"); PORTS+=("$p")
done
[ ${#NAMES[@]} -gt 0 ] || { echo "no servers" >&2; exit 1; }
if [ -z "$REF" ]; then
  REF=${NAMES[0]}; for n in "${NAMES[@]}"; do [ "$n" = pillarbox ] && REF=pillarbox; done
fi
sleep 1
# fresh idle RSS right after start (before any traffic)
for i in "${!NAMES[@]}"; do
  pid=$(listen_pid ${PORTS[$i]})
  echo "fresh_rss_kb_${NAMES[$i]}=$(awk '/VmRSS/{print $2}' /proc/$pid/status) pid=$pid" >> "$RAW/machine.txt"
done
GENS=($GENERATORS)
# warm-up (all servers, JIT for the JVM ones) with every generator: a pipelined client takes other paths through a
# server than a one-command-at-a-time one, and the first run on a path would pay for compiling it
if [ $WARMUP = 1 ]; then
  for i in "${!NAMES[@]}"; do
    for g in "${GENS[@]}"; do
      echo "warm-up ${NAMES[$i]} with $g"
      GEN=$g ./bench.sh 127.0.0.1 ${PORTS[$i]} WARMUP > "$RAW/warmup-${NAMES[$i]}-$g.txt" 2>&1
    done
  done
fi

# ---- the interleaved matrix ----
FAILED=0
for wl in $WORKLOADS; do
  for rep in $(seq 1 "$REPS"); do
    idx=("${!NAMES[@]}"); gens=("${GENS[@]}")
    if [ $((rep % 2)) -eq 0 ]; then
      idx=($(printf '%s\n' "${idx[@]}" | tac)); gens=($(printf '%s\n' "${gens[@]}" | tac))
    fi
    [ "$wl" = IDLE ] && gens=("${gens[0]}")
    for i in "${idx[@]}"; do
      for g in "${gens[@]}"; do
        n=${NAMES[$i]}; p=${PORTS[$i]}
        col=$n+$g; [ "$wl" = IDLE ] && col=$n
        f="$RAW/$wl-rep$rep-$col.txt"
        GEN=$g ./bench.sh 127.0.0.1 "$p" "$wl" > "$f" 2>&1
        last=$(tail -1 "$f")
        echo "$wl rep$rep $n $g: $last"
        case "$last" in *FAIL*|*TIMEOUT*) FAILED=$((FAILED + 1));; esac
        sleep 1
      done
    done
  done
done
echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$RAW/machine.txt"
/usr/bin/python3 "$HERE/tools/report.py" "$RAW" "$REF" "$GENERATORS" "${NAMES[@]}" > "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
echo "wrote $OUT (raw: $RAW)"
[ $FAILED = 0 ] || { echo "$FAILED runs failed (see $RAW)" >&2; exit 1; }
