#!/usr/bin/env bash
# `pacer kafka produce` vs Kafka's own ProducerPerformance (kafka-tools, same Kafka version), same broker, identical
# settings: 1,000,000 x 100 B records, acks=all, linger.ms=5, batch.size=65536, lz4, unlimited rate.
# The broker runs in a JVM of its own; one warm-up run of each tool is discarded; then RUNS runs of each,
# alternated; medians compared. Both tools send distinct random A-Z values (ProducerPerformance --record-size
# draws each record's letters afresh; Pacer slices a random pool), so lz4 sees comparable data.
#
# Usage: bench/produce.sh            Env: RUNS (3)  RECORDS (1000000)  SIZE (100)
# Out:   one line per run, a table, and a last line
#        RESULT pacer_rps=<n> producer_performance_rps=<n> ratio_vs_producer_performance=<x.xx>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${RUNS:-3}
RECORDS=${RECORDS:-1000000}
SIZE=${SIZE:-100}
OUT=bench/out/produce
PROPS=(acks=all linger.ms=5 batch.size=65536 compression.type=lz4)

./mvnw -B -q -pl pacer-cli,pacer-benchmarks -am package -DskipTests
PACER_JAR=pacer-cli/target/pacer.jar
TOOLS_JAR=pacer-benchmarks/target/benchmarks.jar   # carries kafka-tools (ProducerPerformance)
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt
source bench/kafka-broker.sh
start_broker "$PACER_JAR" "$OUT/broker.log"
TOPIC=bench-produce

pacer_run() {  # $1 = run name; prints records/s
    local p=() prop
    for prop in "${PROPS[@]}"; do p+=(-P "$prop"); done
    java -jar "$PACER_JAR" kafka produce --bootstrap "$BOOTSTRAP" --topic "$TOPIC" --partitions 6 \
        --count "$RECORDS" --record-size "$SIZE" --rate -1 "${p[@]}" --output "$OUT/$1.json" >"$OUT/$1.txt" 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(round(r["rates"]["recordsPerSecond"]), r["latency"]["p99"])' "$OUT/$1.json"
}

pp_run() {  # $1 = run name; prints records/s
    java -cp "$TOOLS_JAR" org.apache.kafka.tools.ProducerPerformance --topic "$TOPIC" --num-records "$RECORDS" \
        --record-size "$SIZE" --throughput -1 --producer-props bootstrap.servers="$BOOTSTRAP" "${PROPS[@]}" \
        >"$OUT/$1.txt" 2>&1
    # Final line: "1000000 records sent, 523560.2 records/sec (49.93 MB/sec), 30.1 ms avg latency, ... 99th ..."
    python3 - "$OUT/$1.txt" <<'PY'
import re, sys
line = [l for l in open(sys.argv[1]) if "records sent" in l][-1]
rps = float(re.search(r"([\d.]+) records/sec", line).group(1))
p99 = re.search(r"([\d.]+) ms 99th", line)
print(round(rps), int(float(p99.group(1)) * 1000) if p99 else -1)
PY
}

echo "warm-up (discarded): pacer $(pacer_run warmup-pacer | cut -d' ' -f1) rec/s, ProducerPerformance $(pp_run warmup-pp | cut -d' ' -f1) rec/s" >&2
pacer=() pp=()
for i in $(seq 1 "$RUNS"); do
    read -r a a99 < <(pacer_run "pacer-$i")
    read -r b b99 < <(pp_run "pp-$i")
    pacer+=("$a") pp+=("$b")
    printf 'run %d: pacer %s rec/s (p99 %s us from intended start) | ProducerPerformance %s rec/s (p99 %s us from actual send)\n' \
        "$i" "$a" "$a99" "$b" "$b99" >&2
done

python3 - "${pacer[*]}" "${pp[*]}" "$RECORDS" "$SIZE" <<'PY'
import platform, statistics, subprocess, sys, datetime
pacer = [float(x) for x in sys.argv[1].split()]
pp = [float(x) for x in sys.argv[2].split()]
mp, mq = statistics.median(pacer), statistics.median(pp)
jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print()
print(f"{'tool':<22} {'median rec/s':>14}  runs")
print(f"{'pacer kafka produce':<22} {mp:>14,.0f}  " + ", ".join(f"{x:,.0f}" for x in pacer))
print(f"{'ProducerPerformance':<22} {mq:>14,.0f}  " + ", ".join(f"{x:,.0f}" for x in pp))
print(f"{sys.argv[3]} x {sys.argv[4]} B, acks=all linger.ms=5 batch.size=65536 lz4, rate unlimited; "
      f"{jdk}; {platform.system()} {platform.release()}; {datetime.date.today()}")
print(f"RESULT pacer_rps={mp:.0f} producer_performance_rps={mq:.0f} ratio_vs_producer_performance={mp / mq:.2f}")
PY
