#!/usr/bin/env bash
# Batcher throughput: Pacer vs Reactor bufferTimeout vs a LinkedBlockingQueue loop, 1 and 2 producers,
# 50 events / 100 ms linger / 65,536 bounded buffer, producers block when full (see BatcherThroughputBenchmark).
#
# Usage: bench/batcher.sh [extra JMH options, e.g. -prof stack]
# Env:   FORKS (1)  ITER measurement iterations (5)  WARMUP warmup iterations (3)  TIME seconds per iteration (2)
#        BENCH benchmark regex (all six)
# Out:   bench/out/batcher.json (JMH), a table (events/s, B/op, CPU ns/op), and a last line
#        RESULT pacer_eps=<n> reactor_eps=<n> naive_eps=<n> ratio_vs_reactor=<x.xx>   (one-producer medians)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FORKS=${FORKS:-1}
ITER=${ITER:-5}
WARMUP=${WARMUP:-3}
TIME=${TIME:-2}
BENCH=${BENCH:-'io\.pacer\.bench\.batcher\.BatcherThroughputBenchmark\.'}
OUT=bench/out/batcher.json

./mvnw -B -q -pl pacer-benchmarks -am package -DskipTests
mkdir -p bench/out
rm -f "$OUT"

# -foe: a contender whose teardown finds consumed != offered (or that cannot drain) fails the whole run.
java -jar pacer-benchmarks/target/benchmarks.jar "$BENCH" \
    -f "$FORKS" -wi "$WARMUP" -w "${TIME}s" -i "$ITER" -r "${TIME}s" \
    -prof gc -prof io.pacer.bench.CpuTimeProfiler -foe true -rf json -rff "$OUT" "$@"

python3 - "$OUT" <<'PY'
import datetime, json, os, platform, re, statistics, sys

runs = json.load(open(sys.argv[1]))
rows = {}
for run in runs:
    contender = re.match(r"[a-z]+", run["benchmark"].rsplit(".", 1)[1]).group(0)
    secondary = run["secondaryMetrics"]
    alloc = secondary.get("gc.alloc.rate.norm", {}).get("score", float("nan"))
    cpu = secondary.get("cpu.time.norm", {}).get("score", float("nan"))
    primary = run["primaryMetric"]
    iterations = [x for fork in primary["rawData"] for x in fork]
    rows[(contender, run["threads"])] = (float(statistics.median(iterations)), float(primary["score"]),
                                         float(primary["scoreError"]), float(alloc), float(cpu))

print()
print(f"{'contender':<10} {'threads':>7} {'median ev/s':>14} {'mean ev/s':>14} {'± 99.9% CI':>12} {'B/op':>8} {'CPU ns/op':>10}")
for (contender, threads), (median, eps, err, alloc, cpu) in sorted(rows.items(), key=lambda kv: (kv[0][1], -kv[1][0])):
    err_text = f"{err:,.0f}" if err == err else "n/a"  # JMH writes "NaN" when there are too few iterations
    print(f"{contender:<10} {threads:>7} {median:>14,.0f} {eps:>14,.0f} {err_text:>12} {alloc:>8.1f} {cpu:>10.1f}")
print("median ev/s: median of all measured iterations of all forks (what RESULT reports; robust on a shared machine).")
print("B/op: gc.alloc.rate.norm, all threads.  CPU ns/op: CPU time of all Java threads per event (depends less on machine load than events/s).")
print()

missing = [c for c in ("pacer", "reactor", "naive") if (c, 1) not in rows]
if missing:
    sys.exit("no one-producer result for " + ", ".join(missing) + ": cannot print the RESULT line")
eps = {c: rows[(c, 1)][0] for c in ("pacer", "reactor", "naive")}  # medians
print(f"JDK: {runs[0]['jdkVersion']} ({runs[0]['vmName']} {runs[0]['vmVersion']})")
print(f"Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M:%SZ}  "
      f"Host: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}")
print(f"RESULT pacer_eps={eps['pacer']:.0f} reactor_eps={eps['reactor']:.0f} naive_eps={eps['naive']:.0f} "
      f"ratio_vs_reactor={eps['pacer'] / eps['reactor']:.2f}")
PY
