#!/usr/bin/env bash
# Same-run A/B of the batcher's JMH benchmark between two builds of pacer-benchmarks (e.g. before and after a
# change to the flusher): alternates A and B ROUNDS times, one fork each, and compares the medians of all
# measured iterations, with CPU time per event (less sensitive to a shared machine than events/s).
#
# Usage: bench/batcher-ab.sh A.jar B.jar      (build one with: ./mvnw -B -q -pl pacer-benchmarks -am package
#        -DskipTests && cp pacer-benchmarks/target/benchmarks.jar A.jar)
# Env:   ROUNDS (3)  ITER (5)  WARMUP (3)  TIME (2)  BENCH ('BatcherThroughputBenchmark\.pacer')
# Out:   bench/out/ab/*.json, a table, and a last line (ratios are B / A; keys for the producer counts run)
#        RESULT a_one_eps=… b_one_eps=… ratio_one=… a_two_eps=… b_two_eps=… ratio_two=…
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
A=$1
B=$2
ROUNDS=${ROUNDS:-3}
ITER=${ITER:-5}
WARMUP=${WARMUP:-3}
TIME=${TIME:-2}
BENCH=${BENCH:-'io\.pacer\.bench\.batcher\.BatcherThroughputBenchmark\.pacer'}
OUT=bench/out/ab
mkdir -p "$OUT"
rm -f "$OUT"/*.json
for round in $(seq 1 "$ROUNDS"); do
    for side in a b; do
        jar=$A
        [[ $side == b ]] && jar=$B
        java -jar "$jar" "$BENCH" -f 1 -wi "$WARMUP" -w "${TIME}s" -i "$ITER" -r "${TIME}s" \
            -prof io.pacer.bench.CpuTimeProfiler -foe true -rf json -rff "$OUT/$side-$round.json" >/dev/null
        echo "round $round $side done" >&2
    done
done
python3 - "$OUT" "$ROUNDS" <<'PY'
import datetime, glob, json, os, platform, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
eps, cpu = {}, {}
for path in sorted(glob.glob(os.path.join(out, "*.json"))):
    side = os.path.basename(path)[0]
    for run in json.load(open(path)):
        key = (side, run["threads"])
        eps.setdefault(key, []).extend(x for fork in run["primaryMetric"]["rawData"] for x in fork)
        cpu.setdefault(key, []).append(run["secondaryMetrics"].get("cpu.time.norm", {}).get("score", float("nan")))
jdk = json.load(open(glob.glob(os.path.join(out, "*.json"))[0]))[0]["jdkVersion"]
print(f"{'side':<5} {'producers':>9} {'median ev/s':>14} {'CPU ns/event':>13}  iterations")
for key in sorted(eps, key=lambda k: (k[1], k[0])):
    print(f"{key[0]:<5} {key[1]:>9} {statistics.median(eps[key]):>14,.0f} {statistics.median(cpu[key]):>13.1f}  {len(eps[key])}")
m = {k: statistics.median(v) for k, v in eps.items()}
print(f"JDK {jdk}; {os.cpu_count()} CPUs, {platform.system()} {platform.release()}; {rounds} alternated rounds; "
      f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
names = {1: "one", 2: "two"}
print("RESULT " + " ".join(f"a_{names[t]}_eps={m[('a', t)]:.0f} b_{names[t]}_eps={m[('b', t)]:.0f} "
                           f"ratio_{names[t]}={m[('b', t)] / m[('a', t)]:.2f}"
                           for t in sorted({k[1] for k in m}) if ('a', t) in m and ('b', t) in m))
PY
