#!/usr/bin/env bash
# What the batcher costs in front of a real broker: the same events through Pacer's Batcher + Kafka sink and
# through a bare KafkaProducer (io.pacer.bench.kafka.BatcherVsProducer), one sending thread, to the embedded
# broker in a JVM of its own. Same acks, compression and record size for both; the bare producer's linger.ms
# equals the batcher's linger. Each run is a fresh JVM: WARMUP events (not reported), then EVENTS measured.
#
#   defaults     Batcher.builder() as it comes (50 events, 100 ms linger) + Sinks.kafka with the README's
#                producer settings (linger.ms=0: "Pacer already batches")        vs bare with linger.ms=100
#   recommended  the README's throughput settings: REC_OPTS                       vs bare with linger.ms=REC_LINGER
#   adaptive     adaptive mode targeting ADAPTIVE_MS p99, events offered at ADAPTIVE_RATE/s (open model)
#
# Runs alternate (bare, batcher, bare, batcher, ...) RUNS times per pair; medians compared.
# Usage: bench/batcher-kafka.sh     Env: RUNS (3) EVENTS (1000000) WARMUP (200000) SIZE (100)
#        REC_MAX_EVENTS (1000) REC_LINGER (5) REC_IN_FLIGHT (8) ADAPTIVE_MS (50) ADAPTIVE_RATE (200000)
# Out:   one line per run, a table, and a last line
#        RESULT batcher_eps=… bare_producer_eps=… ratio_vs_bare=… recommended_eps=… recommended_bare_eps=…
#               recommended_ratio_vs_bare=… adaptive_target_ms=… adaptive_p99_ms=… adaptive_eps=…
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${RUNS:-3}
EVENTS=${EVENTS:-1000000}
WARMUP=${WARMUP:-200000}
SIZE=${SIZE:-100}
REC_MAX_EVENTS=${REC_MAX_EVENTS:-1000}
REC_LINGER=${REC_LINGER:-5}
REC_IN_FLIGHT=${REC_IN_FLIGHT:-8}
ADAPTIVE_MS=${ADAPTIVE_MS:-50}
ADAPTIVE_RATE=${ADAPTIVE_RATE:-200000}
OUT=bench/out/batcher-kafka
COMMON=(-P acks=all -P compression.type=lz4 -P batch.size=65536)

./mvnw -B -q -pl pacer-cli,pacer-benchmarks -am package -DskipTests
JAR=pacer-benchmarks/target/benchmarks.jar
mkdir -p "$OUT"
rm -f "$OUT"/*.txt
source bench/kafka-broker.sh
start_broker "$JAR" "$OUT/broker.log"
TOPIC=bench-batcher-kafka
# Create the topic the way Pacer does (leaders awaited, every partition probed) so neither contender pays for it.
java -jar pacer-cli/target/pacer.jar kafka produce --bootstrap "$BOOTSTRAP" --topic "$TOPIC" --partitions 6 \
    --count 1000 --rate -1 >"$OUT/create-topic.txt" 2>&1

run() {  # $1 = name, rest = options; prints the contender's one-line report
    local name=$1
    shift
    java -Xmx1g -cp "$JAR" io.pacer.bench.kafka.BatcherVsProducer --bootstrap "$BOOTSTRAP" --topic "$TOPIC" \
        --events "$EVENTS" --warmup "$WARMUP" --size "$SIZE" "${COMMON[@]}" "$@" >"$OUT/$name.txt" 2>"$OUT/$name.err"
    cat "$OUT/$name.txt"
}
field() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

declare -A eps
for i in $(seq 1 "$RUNS"); do
    for pair in defaults recommended; do
        if [[ $pair == defaults ]]; then
            bare=$(run "bare-defaults-$i" --mode bare --linger-ms 100)
            batcher=$(run "batcher-defaults-$i" --mode batcher -P linger.ms=0)
        else
            bare=$(run "bare-recommended-$i" --mode bare --linger-ms "$REC_LINGER")
            batcher=$(run "batcher-recommended-$i" --mode batcher --max-events "$REC_MAX_EVENTS" \
                --linger-ms "$REC_LINGER" --max-in-flight "$REC_IN_FLIGHT" -P linger.ms="$REC_LINGER")
        fi
        eps[bare-$pair]+="$(field eps "$bare") "
        eps[batcher-$pair]+="$(field eps "$batcher") "
        printf 'run %d %-11s bare    %s\n' "$i" "$pair" "$bare" >&2
        printf 'run %d %-11s batcher %s\n' "$i" "$pair" "$batcher" >&2
    done
done
adaptive=$(run adaptive --mode batcher --adaptive-ms "$ADAPTIVE_MS" --rate "$ADAPTIVE_RATE" -P linger.ms=0)
printf 'adaptive (target p99 %s ms, offered %s/s) %s\n' "$ADAPTIVE_MS" "$ADAPTIVE_RATE" "$adaptive" >&2

python3 - "${eps[bare-defaults]}" "${eps[batcher-defaults]}" "${eps[bare-recommended]}" \
    "${eps[batcher-recommended]}" "$adaptive" "$ADAPTIVE_MS" "$ADAPTIVE_RATE" "$EVENTS" "$SIZE" <<'PY'
import datetime, platform, re, statistics, subprocess, sys
bare_d, batcher_d, bare_r, batcher_r = ([float(x) for x in a.split()] for a in sys.argv[1:5])
adaptive, target_ms, rate, events, size = sys.argv[5], sys.argv[6], sys.argv[7], sys.argv[8], sys.argv[9]
med = statistics.median
jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
def row(name, runs):
    print(f"{name:<34} {med(runs):>12,.0f}  " + ", ".join(f"{x:,.0f}" for x in runs))
print()
print(f"{'contender':<34} {'median ev/s':>12}  runs")
row("bare KafkaProducer (linger 100 ms)", bare_d)
row("Batcher defaults + Kafka sink", batcher_d)
row("bare KafkaProducer (linger rec.)", bare_r)
row("Batcher recommended + Kafka sink", batcher_r)
a_eps = float(re.search(r"\beps=([\d.]+)", adaptive).group(1))
a_p99 = int(re.search(r"\bp99_us=(\d+)", adaptive).group(1)) / 1000
print(f"adaptive: target p99 {target_ms} ms at {rate} events/s offered -> p99 {a_p99:.1f} ms, {a_eps:,.0f} events/s (failures={adaptive.split('failures=')[1]})")
print(f"{events} x {size} B, one sending thread, acks=all lz4 batch.size=65536; {jdk}; "
      f"{platform.system()} {platform.release()}; {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
print(f"RESULT batcher_eps={med(batcher_d):.0f} bare_producer_eps={med(bare_d):.0f} "
      f"ratio_vs_bare={med(batcher_d) / med(bare_d):.2f} recommended_eps={med(batcher_r):.0f} "
      f"recommended_bare_eps={med(bare_r):.0f} recommended_ratio_vs_bare={med(batcher_r) / med(bare_r):.2f} "
      f"adaptive_target_ms={target_ms} adaptive_p99_ms={a_p99:.1f} adaptive_eps={a_eps:.0f}")
PY
