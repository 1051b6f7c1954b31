#!/usr/bin/env bash
# Side-by-side benchmarks: our relay (the Karaf assembly), Kamailio's msrp module as an MSRP relay,
# and a raw TCP pipe (socat), driven by the same load tool with the same parameters; several
# repetitions, interleaved; medians and ratios are written to BENCHMARKS.md.
#
#   bench/run-benchmarks.sh [--reps N] [--quick] [--no-write] [--build] [--keep]
#                           [--max-load L] [--max-wait S]
#
# The machine may be shared: before each run the harness waits (at most --max-wait seconds,
# default 60; 180 s in all) for the 1-minute load average to drop to --max-load (default
# 1.5 x CPUs), and records the load each run started under.
#
# Needs (not built here unless --build): `mvn -B install -DskipTests` done, so that
# karaf-assembly/target/assembly and bench/target/msrprelay-bench.jar exist. Installs kamailio
# and socat with apt-get when missing. Everything listens on 127.0.0.1 on ports picked free at run
# time, and everything started here is stopped on exit (by PID). Default run: about 6-7 minutes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE=$ROOT/bench/harness
. "$HERE/lib.sh"
PEERS=${PEERS_DIR:-$ROOT/../shared/peers}
[ -d "$PEERS" ] || PEERS=/work/shared/peers

REPS=3; QUICK=0; WRITE=1; BUILD=0; KEEP=0
MAX_LOAD=$(( $(nproc) * 3 / 2 )); MAX_WAIT=60; WAIT_BUDGET=180; WAITED=0
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) REPS=$2; shift ;;
    --max-load) MAX_LOAD=$2; shift ;;
    --max-wait) MAX_WAIT=$2; shift ;;
    --quick) QUICK=1 ;;
    --no-write) WRITE=0 ;;
    --build) BUILD=1 ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$BUILD" = 1 ]; then
  (cd "$ROOT" && mvn -B -q install -DskipTests)
fi
JAR=$ROOT/bench/target/msrprelay-bench.jar
[ -f "$JAR" ] || { echo "no $JAR: run mvn -B install -DskipTests (or pass --build)" >&2; exit 1; }
need=()
command -v socat >/dev/null || need+=(socat)
command -v kamailio >/dev/null || need+=(kamailio)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/msrp-bench.XXXXXX")
RESULTS=$WORK/results.jsonl
SOCAT_PID=
export KAMAILIO_RUNDIR=$WORK/kamailio
cleanup() {
  set +e
  [ -n "$SOCAT_PID" ] && kill "$SOCAT_PID" 2>/dev/null && wait "$SOCAT_PID" 2>/dev/null
  stop_ours "$WORK/ours"
  "$PEERS/stop-kamailio.sh" >/dev/null 2>&1
  if [ "$KEEP" = 0 ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

START=$(date +%s)
log() { printf '[%4ds] %s\n' $(( $(date +%s) - START )) "$*" >&2; }

# --- start the three peers -------------------------------------------------------------------
log "starting our relay (Karaf assembly)"
start_ours "$WORK/ours" alice bob carol
log "our relay: port $OURS_PORT pid $OURS_PID"
export KAMAILIO_MSRP_PORT=$(free_port) KAMAILIO_MSRPS_PORT=$(free_port)
# (re)starts Kamailio; sets KAM_PIDS (main process and children, for CPU accounting)
start_kamailio() {
  "$PEERS/stop-kamailio.sh" >/dev/null 2>&1 || true
  "$PEERS/start-kamailio.sh" >"$WORK/kamailio-start.log" 2>&1 || { cat "$WORK/kamailio-start.log" >&2; exit 1; }
  local main; main=$(cat "$KAMAILIO_RUNDIR/kamailio.pid")
  KAM_PIDS="$main,$(pgrep -d, -P "$main" kamailio)"
}
start_kamailio
KAM_PORT=$KAMAILIO_MSRP_PORT
log "kamailio: port $KAM_PORT pids $KAM_PIDS"
SINK_PORT=$(free_port); PIPE_PORT=$(free_port)
socat TCP-LISTEN:"$PIPE_PORT",bind=127.0.0.1,reuseaddr,fork TCP:127.0.0.1:"$SINK_PORT" &
SOCAT_PID=$!
wait_listen "$PIPE_PORT" 10 "$SOCAT_PID" || { echo "socat did not start" >&2; exit 1; }
log "socat: 127.0.0.1:$PIPE_PORT -> sink 127.0.0.1:$SINK_PORT"

# --- scenarios -------------------------------------------------------------------------------
if [ "$QUICK" = 1 ]; then W=1; D=3; DI=3; IDLE=2000; else W=3; D=8; DI=6; IDLE=10000; fi
MSGS="--pairs 4 --window 8 --size 64 --warmup $W --duration $D"
PING="--pairs 1 --window 1 --size 64 --warmup 1 --duration $DI"
BULK_S="--pairs 2 --window 4 --size 1m --chunk 8k --warmup $W --duration $DI"
BULK_L="--pairs 2 --window 2 --size 16m --chunk 16m --warmup $W --duration $DI"
RAW="--pairs 2 --chunk 64k --warmup $W --duration $DI"
AUTH="--concurrency 16 --warmup 2 --duration $DI"

# quiet: waits (bounded) until the 1-minute load average is at most MAX_LOAD; sets LOAD1
quiet() {
  local waited=0
  LOAD1=$(cut -d' ' -f1 /proc/loadavg)
  while awk -v l="$LOAD1" -v m="$MAX_LOAD" 'BEGIN { exit !(l > m) }' && [ "$waited" -lt "$MAX_WAIT" ] \
      && [ "$WAITED" -lt "$WAIT_BUDGET" ]; do
    [ "$waited" = 0 ] && log "load average $LOAD1 > $MAX_LOAD: waiting up to ${MAX_WAIT}s"
    sleep 5; waited=$((waited + 5)); WAITED=$((WAITED + 5))
    LOAD1=$(cut -d' ' -f1 /proc/loadavg)
  done
}

# run SCENARIO PEER REP MODE ARGS...: one load-tool run; its JSON line, tagged, goes to $RESULTS
run() {
  local scen=$1 peer=$2 rep=$3; shift 3
  local out line
  quiet
  out=$(java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$JAR" org.msrprelay.bench.load.LoadTool "$@" --label "$peer" 2>"$WORK/last.err") || true
  line=$(printf '%s\n' "$out" | grep '^{"mode"' | tail -1)
  [ -n "$line" ] || line='{"mode":"error","error":"no result line"}'
  printf '{"scenario":"%s","peer":"%s","rep":%d,"load1":%s,"result":%s}\n' "$scen" "$peer" "$rep" "$LOAD1" "$line" >>"$RESULTS"
  log "$scen $peer #$rep (load $LOAD1): $(printf '%s' "$line" | cut -c1-200)"
  if printf '%s' "$line" | grep -q '"mode":"error"'; then tail -5 "$WORK/last.err" >&2; fi
}
ours() { echo --port "$OURS_PORT" --digest-uri include --pid "$OURS_PID"; }
kam() { echo --port "$KAM_PORT" --digest-uri include --pid "$KAM_PIDS"; }

# warm-up round (results discarded): the JIT of our relay's JVM, and the same traffic for Kamailio
log "--- warm-up round"
for peer in ours kam; do
  java -cp "$JAR" org.msrprelay.bench.load.LoadTool msgs $($peer) --pairs 4 --window 8 --warmup 0 --duration $W >/dev/null 2>&1 || true
  java -cp "$JAR" org.msrprelay.bench.load.LoadTool bulk $($peer) --pairs 2 --window 4 --size 1m --chunk 8k --warmup 0 --duration $W >/dev/null 2>&1 || true
  java -cp "$JAR" org.msrprelay.bench.load.LoadTool auth $($peer) --concurrency 16 --warmup 0 --duration 1 >/dev/null 2>&1 || true
done
java -cp "$JAR" org.msrprelay.bench.load.LoadTool bulk $(ours) $BULK_L --warmup 0 --duration $W >/dev/null 2>&1 || true

for ((rep = 1; rep <= REPS; rep++)); do
  log "--- repetition $rep of $REPS"
  run msgs ours "$rep" msgs $(ours) $MSGS
  run msgs kamailio "$rep" msgs $(kam) $MSGS
  run ping ours "$rep" msgs $(ours) $PING
  run ping kamailio "$rep" msgs $(kam) $PING
  run bulk-8k ours "$rep" bulk $(ours) $BULK_S
  run bulk-8k kamailio "$rep" bulk $(kam) $BULK_S
  run bulk-raw socat "$rep" bulk --raw --port "$PIPE_PORT" --sink-port "$SINK_PORT" $RAW
  run bulk-16m ours "$rep" bulk $(ours) $BULK_L
  run auth ours "$rep" auth $(ours) $AUTH
  # Kamailio keeps every session in shared-memory htables for Expires + 5 s and runs out of its
  # default 64 MB shm after about 100,000 AUTHs ("no more shm"): a fresh instance for each auth run
  start_kamailio
  run auth kamailio "$rep" auth $(kam) $AUTH
  run idle ours "$rep" idle $(ours) --sessions "$IDLE" --concurrency 32 --settle 2 --jmx "$OURS_JMX"
done

ELAPSED=$(( $(date +%s) - START ))
log "done in ${ELAPSED}s; summarising"
python3 "$HERE/summarize.py" --results "$RESULTS" --elapsed "$ELAPSED" --reps "$REPS" --java "$(java -version 2>&1 | head -1)" \
  --params "msgs: $MSGS | ping: $PING | bulk-8k: $BULK_S | bulk-16m: $BULK_L | raw: $RAW | auth: $AUTH | idle: --sessions $IDLE --concurrency 32" \
  $([ "$WRITE" = 1 ] && echo --write "$ROOT/BENCHMARKS.md")
