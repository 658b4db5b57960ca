#!/usr/bin/env bash
# Distributed load generation: the same produce workload run by 1 and by 3 `pacer worker` processes on this machine
# (all sharing its cores), through the coordinator both times, at unlimited rate; and the time a coordinator takes to
# read and merge a one-hour result from three workers. On a small machine the point is not speed-up but that
# coordination costs little: three workers should reach >= 0.9x one worker's throughput, and the merge take < 1 s.
# The broker runs in a JVM of its own; each worker is a JVM of its own; one warm-up run of each is discarded, then
# RUNS runs of each, alternated; medians compared. Throughput = all records / the slowest worker's measured time.
#
# Usage: bench/workers.sh            Env: RUNS (3)  RECORDS (600000)  SIZE (100)
# Out:   one line per run, a table, and a last line
#        RESULT one_worker_rps=<n> three_workers_rps=<n> ratio=<x.xx> merge_ms=<n>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${RUNS:-3}
RECORDS=${RECORDS:-600000}
SIZE=${SIZE:-100}
OUT=bench/out/workers
PROPS=(-P acks=all -P linger.ms=5 -P batch.size=65536 -P compression.type=lz4)
CONTROL=bench-workers.control

./mvnw -B -q -pl pacer-cli -am package -DskipTests
PACER_JAR=pacer-cli/target/pacer.jar
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt "$OUT"/*.log
source bench/kafka-broker.sh
start_broker "$PACER_JAR" "$OUT/broker.log"
TOPIC=bench-workers

WORKER_PIDS=()
for w in 1 2 3; do
    java -jar "$PACER_JAR" worker --bootstrap "$BOOTSTRAP" --name "bench-w$w" --control-topic "$CONTROL" \
        >"$OUT/worker-$w.log" 2>&1 &
    WORKER_PIDS+=($!)
done
trap 'kill "${WORKER_PIDS[@]}" 2>/dev/null || true; wait "${WORKER_PIDS[@]}" 2>/dev/null || true;
      kill "$BROKER_PID_SAVED" 2>/dev/null || true; wait "$BROKER_PID_SAVED" 2>/dev/null || true' EXIT
for i in $(seq 1 120); do
    [[ $(java -jar "$PACER_JAR" workers --bootstrap "$BOOTSTRAP" --control-topic "$CONTROL" | grep -c bench-w) == 3 ]] && break
    sleep 1
done
echo "3 workers live" >&2

run() {  # $1 = run name, $2 = workers; prints records/s (all records / slowest worker's measured time)
    java -jar "$PACER_JAR" kafka produce --bootstrap "$BOOTSTRAP" --topic "$TOPIC" --partitions 6 \
        --count "$RECORDS" --record-size "$SIZE" --rate -1 "${PROPS[@]}" --workers "$2" --control-topic "$CONTROL" \
        --output "$OUT/$1.json" >"$OUT/$1.txt" 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(round(r["counts"]["records"] / (r["rates"]["measuredMillis"] / 1000)), r["latency"]["p99"])' "$OUT/$1.json"
}

echo "warm-up (discarded): 1 worker $(run warmup-1 1 | cut -d' ' -f1) rec/s, 3 workers $(run warmup-3 3 | cut -d' ' -f1) rec/s" >&2
one=() three=()
for i in $(seq 1 "$RUNS"); do
    read -r a a99 < <(run "one-$i" 1)
    read -r b b99 < <(run "three-$i" 3)
    one+=("$a") three+=("$b")
    printf 'run %d: 1 worker %s rec/s (p99 %s us) | 3 workers %s rec/s (p99 %s us)\n' "$i" "$a" "$a99" "$b" "$b99" >&2
done

merge=$(java -cp "$PACER_JAR" bench/MergeTiming.java)
echo "merge of a one-hour result from three workers: $merge" >&2

python3 - "${one[*]}" "${three[*]}" "$RECORDS" "$SIZE" "$merge" <<'PY'
import platform, statistics, subprocess, sys, datetime
one = [float(x) for x in sys.argv[1].split()]
three = [float(x) for x in sys.argv[2].split()]
m1, m3 = statistics.median(one), statistics.median(three)
merge = dict(kv.split("=") for kv in sys.argv[5].split())
jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print()
print(f"{'workers':<10} {'median rec/s':>14}  runs")
print(f"{'1':<10} {m1:>14,.0f}  " + ", ".join(f"{x:,.0f}" for x in one))
print(f"{'3':<10} {m3:>14,.0f}  " + ", ".join(f"{x:,.0f}" for x in three))
print(f"{sys.argv[3]} x {sys.argv[4]} B, acks=all linger.ms=5 batch.size=65536 lz4, rate unlimited; merge of 3 x 1 h "
      f"results ({merge['json_kb']} KB JSON each): {merge['merge_ms']} ms; {jdk}; {platform.system()} "
      f"{platform.release()}; {datetime.date.today()}")
print(f"RESULT one_worker_rps={m1:.0f} three_workers_rps={m3:.0f} ratio={m3 / m1:.2f} merge_ms={merge['merge_ms']}")
PY
