#!/usr/bin/env bash
# Runs every JMH benchmark of the suite (with -prof gc for bytes per op), then the end-to-end latency runs of the
# load generator (1 and 3 nodes, group commit on and off, 1/16/64/256 in flight), and writes a Markdown report with
# every figure next to its baseline from the same run.
#
#   jmh/run-benchmarks.sh            # full: JMH's own warm-up/measurement settings, 3 load-generator rounds
#   QUICK=1 jmh/run-benchmarks.sh    # minutes: -f 1 -wi 1 -i 3 -w 1s -r 1s, one 2-second round
#
# Environment: OUT (jmh/target/bench-results), JMH_ARGS (extra JMH options, e.g. a benchmark regex), ROUNDS (3),
# SECONDS_PER_POINT (10), SKIP_E2E_LATENCY (set to skip the load-generator runs), SKIP_JMH (set to reuse
# $OUT/jmh.json), JAVA (java).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
jar="$here/target/benchmarks.jar"
out=${OUT:-$here/target/bench-results}
java=${JAVA:-java}
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_POINT:-10}
warmup=3
prewarm=30
jmh_mode=()
if [[ -n "${QUICK:-}" ]]; then
  jmh_mode=(-f 1 -wi 1 -i 3 -w 1s -r 1s)
  rounds=1; seconds=2; warmup=1; prewarm=3
fi

if [[ ! -f "$jar" ]]; then
  (cd "$root" && ./mvnw -q -DskipTests -pl jmh -am package)
fi
mkdir -p "$out"
[[ -n "${SKIP_JMH:-}" ]] || rm -f "$out/machine.txt"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc)"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "disk: $(df -h "$out" | awk 'NR==2 {print $1 " (" $2 ")"}')"
  echo "java: $("$java" -version 2>&1 | head -n 1)"
  echo "mode: ${QUICK:+quick}${QUICK:-full}"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >> "$out/machine.txt"

if [[ -z "${SKIP_JMH:-}" ]]; then
  # shellcheck disable=SC2086
  "$java" -jar "$jar" "${jmh_mode[@]}" -prof gc -rf json -rff "$out/jmh.json" ${JMH_ARGS:-} | tee "$out/jmh.log"
  echo "load after JMH: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
fi

csv_arg=()
if [[ -z "${SKIP_E2E_LATENCY:-}" ]]; then
  rm -f "$out/e2e.csv"
  for round in $(seq 1 "$rounds"); do
    for nodes in 1 3; do
      for gc in on off; do
        "$java" -Xmx2g -cp "$jar" io.metagroup.bench.LoadGen --system metagroup --nodes "$nodes" --group-commit "$gc" \
          --in-flight 1,16,64,256 --seconds "$seconds" --warmup-seconds "$warmup" --prewarm-seconds "$prewarm" --round "$round" --csv "$out/e2e.csv"
      done
    done
  done
  csv_arg=("$out/e2e.csv")
  echo "load after load generator: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
fi

"$java" -cp "$jar" io.metagroup.bench.JmhReport "$out/jmh.json" "${csv_arg[@]}" > "$out/report.md"
cat "$out/machine.txt" "$out/report.md"
