#!/usr/bin/env bash
# pacer serve's history API under load while collection continues: the store holds 24 h of history for 50 series
# (written through MetricStore, rollups included: bench/SeedHistory.java), pacer serve runs on it with the host and
# JVM collectors every second, and pacer http drives GET /api/performance/metrics?hours=24&name=…&label.series=N (one
# series, 24 h at the resolution chosen for the range: 1m, 1,440 points) at RATE requests/s, the series cycling.
#
# Usage: bench/serve.sh
# Env:   RATE requests/s (500)   DURATION (30s)   WARMUP (5s)   SERIES (50)   PORT (18420)
# Baseline: the same rate against GET /dashboard (a page served from memory through the same HTTP stack, filters and
#        rate limiter) right after, on the same service: what a request costs before the history route does anything.
# Out:   pacer http's reports, then a last line
#        RESULT api_p99_ms=<p99 of the measured requests> api_rps=<completed requests/s> ingest_samples_per_s=<samples
#               the collectors handed to the store per second during the run> floor_p99_ms=<the baseline's p99>
#               p99_vs_floor=<api_p99_ms / floor_p99_ms>
# Goal:  p99 under 50 ms at 500 requests/s on this machine while collection continues.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RATE=${RATE:-500}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-5s}
SERIES=${SERIES:-50}
PORT=${PORT:-18420}
JAR=pacer-cli/target/pacer.jar

./mvnw -B -q -pl pacer-cli -am package -DskipTests
WORK=$(mktemp -d -t pacer-bench-serve-XXXXXX)
SERVER=
cleanup() {
    if [[ -n "$SERVER" ]]; then kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

java -cp "$JAR" bench/SeedHistory.java "$WORK/data" "$SERIES" 24 60
# The load generator is one client address: lift the per-address limit (600/min by default) above the bench's rate,
# or the bench measures 429s.
java -jar "$JAR" serve --host 127.0.0.1 --port "$PORT" --no-auth --data-dir "$WORK/data" --interval 1 \
    --rate-limit-per-address 1000000 \
    > "$WORK/serve.log" 2> "$WORK/serve.err" &
SERVER=$!
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/health" > /dev/null 2>&1 && break
    sleep 1
done
curl -fs "http://127.0.0.1:$PORT/health" > /dev/null

samples() {
    curl -fs "http://127.0.0.1:$PORT/metrics" \
        | awk '/^pacer_collector_samples_total/ { sum += $2 } END { printf "%.0f\n", sum }'
}
URLS=()
for s in $(seq 0 $((SERIES - 1))); do
    URLS+=(--url "http://127.0.0.1:$PORT/api/performance/metrics?hours=24&name=bench.series.value&label.series=$s")
done
BEFORE=$(samples)
START=$(date +%s.%N)
java -jar "$JAR" http "${URLS[@]}" --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" \
    --output "$WORK/run.json" || true
END=$(date +%s.%N)
AFTER=$(samples)
java -jar "$JAR" http --url "http://127.0.0.1:$PORT/dashboard" --rate "$RATE" --duration "$DURATION" \
    --warmup "$WARMUP" --output "$WORK/floor.json" || true

python3 - "$WORK/run.json" "$BEFORE" "$AFTER" "$START" "$END" "$RATE" "$WORK/floor.json" <<'PY'
import datetime, json, os, platform, subprocess, sys

run = json.load(open(sys.argv[1]))
floor = json.load(open(sys.argv[7]))
floor_p99 = floor["latency"]["p99"] / 1000.0
before, after, start, end, rate = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
p99 = run["latency"]["p99"] / 1000.0
rps = run["rates"]["operationsPerSecond"]
ingest = (after - before) / (end - start)
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
print()
print(f"JDK: {' / '.join(java[:2])}")
print(f"Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M:%SZ}  "
      f"Host: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}")
print(f"Target {rate} requests/s; statuses {run['statuses']}; p50 {run['latency']['p50'] / 1000:.1f} ms, "
      f"p99 {p99:.1f} ms, max {run['latency']['max'] / 1000:.1f} ms; behind schedule: {run['rates']['behindSchedule']}")
print(f"Baseline GET /dashboard at {rate} requests/s: statuses {floor['statuses']}; p50 "
      f"{floor['latency']['p50'] / 1000:.1f} ms, p99 {floor_p99:.1f} ms, max {floor['latency']['max'] / 1000:.1f} ms")
print(f"Goal: p99 < 50 ms at 500 requests/s ({'met' if p99 < 50 and rps >= 0.95 * 500 else 'MISSED'})")
print(f"RESULT api_p99_ms={p99:.1f} api_rps={rps:.0f} ingest_samples_per_s={ingest:.0f} "
      f"floor_p99_ms={floor_p99:.1f} p99_vs_floor={p99 / floor_p99:.2f}")
PY
