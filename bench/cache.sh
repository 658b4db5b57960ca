#!/usr/bin/env bash
# TieredCache read cost: an L1 hit vs Caffeine getIfPresent, an L2 hit vs a raw Lettuce GET, with 1 and 2 threads,
# against a private redis-server the benchmark starts itself (see TieredCacheBenchmark).
#
# Usage: bench/cache.sh [extra JMH options, e.g. -prof stack]
# Env:   FORKS (1)  ITER measurement iterations (5)  WARMUP warmup iterations (3)  TIME seconds per iteration (2)
#        BENCH benchmark regex (all eight)
# Out:   bench/out/cache.json (JMH), a table (ns/op, ops/s, B/op), and a last line
#        RESULT l1_vs_caffeine=<x.xx> l2_vs_lettuce=<x.xx>   (one-thread medians of time per read: ours / baseline)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FORKS=${FORKS:-1}
ITER=${ITER:-5}
WARMUP=${WARMUP:-3}
TIME=${TIME:-2}
BENCH=${BENCH:-'io\.pacer\.bench\.cache\.TieredCacheBenchmark\.'}
OUT=bench/out/cache.json

./mvnw -B -q -pl pacer-benchmarks -am package -DskipTests
mkdir -p bench/out
rm -f "$OUT"

# -foe: a benchmark whose teardown finds reads not served by the tier it measures fails the whole run.
java -jar pacer-benchmarks/target/benchmarks.jar "$BENCH" \
    -f "$FORKS" -wi "$WARMUP" -w "${TIME}s" -i "$ITER" -r "${TIME}s" \
    -prof gc -prof io.pacer.bench.CpuTimeProfiler -foe true -rf json -rff "$OUT" "$@"

python3 - "$OUT" <<'PY'
import datetime, json, os, platform, statistics, sys

runs = json.load(open(sys.argv[1]))
rows = {}
for run in runs:
    name = run["benchmark"].rsplit(".", 1)[1]
    primary = run["primaryMetric"]
    iterations = [x for fork in primary["rawData"] for x in fork]
    secondary = run["secondaryMetrics"]
    alloc = secondary.get("gc.alloc.rate.norm", {}).get("score", float("nan"))
    cpu = secondary.get("cpu.time.norm", {}).get("score", float("nan"))
    rows[name] = (run["threads"], float(statistics.median(iterations)), float(primary["score"]),
                  float(primary["scoreError"]), float(alloc), float(cpu))

def fmt_ns(ns):
    return f"{ns:,.0f} ns" if ns < 10_000 else f"{ns / 1000:,.1f} µs"

print()
print(f"{'benchmark':<26} {'threads':>7} {'median/op':>12} {'mean/op':>12} {'± 99.9% CI':>12} {'ops/s (all threads)':>20} {'B/op':>8} {'CPU/op':>10}")
for name, (threads, median, mean, err, alloc, cpu) in sorted(rows.items(), key=lambda kv: (kv[0][:2], kv[1][0], kv[0])):
    err_text = fmt_ns(err) if err == err else "n/a"  # JMH writes "NaN" when there are too few iterations
    print(f"{name:<26} {threads:>7} {fmt_ns(median):>12} {fmt_ns(mean):>12} {err_text:>12} "
          f"{threads * 1e9 / median:>20,.0f} {alloc:>8.1f} {fmt_ns(cpu):>10}")
print("median/op: median of all measured iterations of all forks (what RESULT compares; robust on a shared machine).")
print("ops/s: threads / median time per op.  B/op: gc.alloc.rate.norm, all threads.  CPU/op: CPU time of all Java")
print("threads of the benchmark JVM per op (not redis-server's); depends less on machine load than time per op.")
print()

need = ("l1HitTiered", "l1HitCaffeine", "l2HitTiered", "l2HitLettuce")
missing = [n for n in need if n not in rows]
if missing:
    sys.exit("no result for " + ", ".join(missing) + ": cannot print the RESULT line")
l1 = rows["l1HitTiered"][1] / rows["l1HitCaffeine"][1]
l2 = rows["l2HitTiered"][1] / rows["l2HitLettuce"][1]
print(f"JDK: {runs[0]['jdkVersion']} ({runs[0]['vmName']} {runs[0]['vmVersion']})")
print(f"Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M:%SZ}  "
      f"Host: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}")
print(f"Goals: L1 hit within 1.5x of Caffeine ({'met' if l1 <= 1.5 else 'MISSED'}), "
      f"L2 hit within 1.2x of Lettuce ({'met' if l2 <= 1.2 else 'MISSED'})")
print(f"RESULT l1_vs_caffeine={l1:.2f} l2_vs_lettuce={l2:.2f}")
PY
