#!/usr/bin/env bash
# `pacer kafka tune` on the embedded broker: 100 B records, unlimited rate, a fixed budget and p99 target. The
# broker runs in a JVM of its own (as in the other Kafka benches; EMBEDDED=1 lets pacer start it in-process
# instead). Kafka's defaults are measured in the same run, between the candidates and once more beside the
# winner; the RESULT line takes both from that confirmation, run back to back.
#
# Usage: bench/tune.sh       Env: BUDGET (5m)  TARGET (50ms)  SIZE (100)  EMBEDDED (0)
# Out:   the tune run's progress and summary, then
#        RESULT default_rps=<n> tuned_rps=<n> tuned_p99_ms=<x> target_p99_ms=<x>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUDGET=${BUDGET:-5m}
TARGET=${TARGET:-50ms}
SIZE=${SIZE:-100}
OUT=bench/out/tune
./mvnw -B -q -pl pacer-cli -am package -DskipTests
PACER_JAR=pacer-cli/target/pacer.jar
mkdir -p "$OUT"
rm -f "$OUT"/*
target=()
if [[ ${EMBEDDED:-0} != 1 ]]; then
    source bench/kafka-broker.sh
    start_broker "$PACER_JAR" "$OUT/broker.log"
    target=(--bootstrap "$BOOTSTRAP")
fi

set +e
java -jar "$PACER_JAR" kafka tune "${target[@]}" --budget "$BUDGET" --target-p99 "$TARGET" --record-size "$SIZE" \
    --output "$OUT/best.properties" --json "$OUT/tune.json" --html "$OUT/tune.html"
code=$?
set -e
echo "pacer kafka tune exited $code" >&2

python3 - "$OUT/tune.json" "$SIZE" "$BUDGET" <<'PY'
import json, platform, subprocess, sys, datetime
r = json.load(open(sys.argv[1]))
c = r["confirmation"]
jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print()
print(f"{sys.argv[2]} B records, rate unlimited, budget {sys.argv[3]}, {r['plan']['candidates']} candidates, "
      f"{len(r['trials'])} search runs in {r['elapsedMillis'] / 1000:.0f} s; winner {r['winner']}: {r['best']}")
print(f"{jdk}; {platform.system()} {platform.release()}; {datetime.date.today()}")
print(f"RESULT default_rps={c['defaults']['recordsPerSecond']:.0f} tuned_rps={c['winner']['recordsPerSecond']:.0f} "
      f"tuned_p99_ms={c['winner']['p99Micros'] / 1000:.1f} target_p99_ms={r['targetP99Micros'] / 1000:.1f} "
      f"default_p99_ms={c['defaults']['p99Micros'] / 1000:.1f}")
PY
