#!/usr/bin/env bash
# Side by side on this machine: a 3-member etcd and a 3-node Metagroup group (Ratis over gRPC), both on
# 127.0.0.1, both durable (etcd fsyncs its WAL; Ratis flushes its log, unsafe-flush off), the same Java load
# generator (jetcd for etcd), 200-byte entries, 1/16/64/256 requests in flight. Rounds alternate the systems
# (etcd, Metagroup with group commit, Metagroup without, then again), each round on a fresh etcd and fresh
# Metagroup nodes; the report takes medians over the rounds. Every process this script starts is stopped on exit.
#
#   jmh/compare-etcd.sh                      # 3 rounds, 10 s per point after 3 s of warm-up
#   ROUNDS=5 SECONDS_PER_POINT=20 jmh/compare-etcd.sh
#   QUICK=1 jmh/compare-etcd.sh              # 1 round, 2 s per point: checks the set-up only
#
# Environment: ROUNDS (3), SECONDS_PER_POINT (10), WARMUP_SECONDS (3 before each point), PREWARM_SECONDS (30 at
# the highest in-flight count before the first point: on two busy cores the JIT compiler is still at work a minute
# into a run, and this gives both load generators the same unmeasured warm-up), IN_FLIGHT (1,16,64,256), BYTES (200),
# SYSTEMS ("etcd metagroup metagroup-nogc"; add "metagroup-before" with BEFORE_JAR=<a benchmarks.jar built from an
# older commit> to measure a change against its predecessor in the same run), ETCD_PORT_BASE (23790: clients
# +1..+3, peers +11..+13), OUT (jmh/target/compare-etcd), JAVA (java), JAVA_OPTS (-Xmx2g).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
jar="$here/target/benchmarks.jar"
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_POINT:-10}
warmup=${WARMUP_SECONDS:-3}
prewarm=${PREWARM_SECONDS:-30}
in_flight=${IN_FLIGHT:-1,16,64,256}
bytes=${BYTES:-200}
systems=${SYSTEMS:-etcd metagroup metagroup-nogc}
base=${ETCD_PORT_BASE:-23790}
out=${OUT:-$here/target/compare-etcd}
java=${JAVA:-java}
java_opts=${JAVA_OPTS:--Xmx2g}
if [[ -n "${QUICK:-}" ]]; then
  rounds=1; seconds=2; warmup=1; prewarm=2
fi

log() { printf '[compare-etcd %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

work=$(mktemp -d -t metagroup-compare-etcd.XXXXXX)
pids=()

stop_etcd() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    # bounded wait, then force
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}

cleanup() {
  local status=$?
  stop_etcd
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- prerequisites -----------------------------------------------------------------------------------------------
if ! command -v etcd >/dev/null 2>&1; then
  log "etcd is missing: installing the Debian package etcd-server"
  command -v apt-get >/dev/null 2>&1 || die "etcd is not installed and apt-get is not available; install etcd 3.4+"
  sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q etcd-server >/dev/null
  command -v etcd >/dev/null 2>&1 || die "etcd-server was installed but etcd is not on PATH"
fi
command -v curl >/dev/null 2>&1 || die "curl is needed to check etcd's health"
if [[ ! -f "$jar" ]]; then
  log "building $jar"
  (cd "$root" && ./mvnw -q -DskipTests -pl jmh -am package)
fi

mkdir -p "$out"
raw="$out/raw.csv"
rm -f "$raw"
{
  echo "# machine"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc)"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "disk: $(df -h "$work" | awk 'NR==2 {print $1 " (" $2 ")"}')"
  echo "kernel: $(uname -r)"
  echo "java: $("$java" -version 2>&1 | head -n 1)"
  echo "etcd: $(etcd --version | head -n 1)"
  echo "settings: rounds=$rounds seconds=$seconds warmup=$warmup prewarm=$prewarm in_flight=$in_flight bytes=$bytes systems=$systems"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"
cat "$out/machine.txt" >&2

# --- etcd ----------------------------------------------------------------------------------------------------------
client_port() { echo $((base + $1)); }
peer_port() { echo $((base + 10 + $1)); }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_etcd() {
  local round=$1 cluster="" i
  for i in 1 2 3; do
    port_free "$(client_port $i)" || die "port $(client_port $i) is taken; set ETCD_PORT_BASE"
    port_free "$(peer_port $i)" || die "port $(peer_port $i) is taken; set ETCD_PORT_BASE"
    cluster+="${cluster:+,}m$i=http://127.0.0.1:$(peer_port $i)"
  done
  for i in 1 2 3; do
    etcd --name "m$i" --data-dir "$work/etcd-r$round-m$i" \
      --listen-client-urls "http://127.0.0.1:$(client_port $i)" \
      --advertise-client-urls "http://127.0.0.1:$(client_port $i)" \
      --listen-peer-urls "http://127.0.0.1:$(peer_port $i)" \
      --initial-advertise-peer-urls "http://127.0.0.1:$(peer_port $i)" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token "bench-$$-$round" \
      --quota-backend-bytes 8589934592 --logger zap --log-outputs stderr \
      >"$work/etcd-r$round-m$i.log" 2>&1 &
    pids+=("$!")
  done
  local deadline=$((SECONDS + 60))
  for i in 1 2 3; do
    until curl -sf "http://127.0.0.1:$(client_port $i)/health" | grep -q '"health":"true"'; do
      ((SECONDS < deadline)) || { tail -n 20 "$work/etcd-r$round-m$i.log" >&2; die "etcd m$i not healthy within 60 s"; }
      sleep 0.2
    done
  done
  log "etcd round $round: 3 members healthy (pids ${pids[*]})"
}

endpoints() {
  echo "http://127.0.0.1:$(client_port 1),http://127.0.0.1:$(client_port 2),http://127.0.0.1:$(client_port 3)"
}

loadgen() {
  # shellcheck disable=SC2086
  "$java" $java_opts -cp "${loadgen_jar:-$jar}" io.metagroup.bench.LoadGen --in-flight "$in_flight" --seconds "$seconds" \
    --warmup-seconds "$warmup" --prewarm-seconds "$prewarm" --bytes "$bytes" --csv "$raw" "$@"
}

# --- rounds --------------------------------------------------------------------------------------------------------
for round in $(seq 1 "$rounds"); do
  for system in $systems; do
    log "round $round/$rounds: $system (load $(cut -d' ' -f1 /proc/loadavg))"
    case "$system" in
      etcd)
        start_etcd "$round"
        loadgen --system etcd --endpoints "$(endpoints)" --round "$round"
        stop_etcd
        rm -rf "$work"/etcd-r"$round"-*
        ;;
      metagroup) loadgen --system metagroup --nodes 3 --group-commit on --round "$round" ;;
      metagroup-nogc) loadgen --system metagroup --nodes 3 --group-commit off --round "$round" ;;
      metagroup-before)
        # the older load generator writes its rows as "metagroup": they are relabelled on their way into raw.csv
        [[ -f "${BEFORE_JAR:-}" ]] || die "SYSTEMS has metagroup-before but BEFORE_JAR is not a file"
        rm -f "$work/before.csv"
        raw_main=$raw
        raw="$work/before.csv" loadgen_jar=$BEFORE_JAR loadgen --system metagroup --nodes 3 --group-commit on \
          --round "$round"
        raw=$raw_main
        [[ -f "$raw" ]] || head -n 1 "$work/before.csv" > "$raw"
        tail -n +2 "$work/before.csv" | sed 's/^metagroup,/metagroup-before,/' >> "$raw"
        ;;
      *) die "unknown system '$system' in SYSTEMS" ;;
    esac
  done
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
"$java" -cp "$jar" io.metagroup.bench.CompareReport "$raw" "$out"
log "results in $out: raw.csv, medians.csv, table.md, compare-etcd.png, machine.txt"
