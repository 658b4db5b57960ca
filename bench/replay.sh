#!/usr/bin/env bash
# `pacer replay` as fast as possible from a generated capture (default 1 GB of JSON lines, ~1 KB random values)
# into the embedded broker running in a JVM of its own. The replaying JVM gets a small heap (-Xmx256m) on purpose:
# the capture is streamed, never held, and the run would fail with OutOfMemoryError otherwise.
# The generated values are random letters, which lz4 cannot shrink: compression (replay's default is lz4, right
# for real captures) would only spend the CPU the broker shares with the replayer, so the bench turns it off.
#
# Usage: bench/replay.sh [extra pacer replay options]   Env: SIZE (1g)  FORMAT (jsonl|csv)  HEAP (256m)  KEEP_CAPTURE (0)
# Out:   the run's summary and a last line  RESULT mb_per_s=<payload MB/s into Kafka> peak_rss_mb=<n>
#        (MB = 2^20 bytes; mb_per_s counts key+value bytes acknowledged by the broker; file MB/s is printed too)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SIZE=${SIZE:-1g}
FORMAT=${FORMAT:-jsonl}
HEAP=${HEAP:-256m}
OUT=bench/out/replay
CAPTURE=${CAPTURE_DIR:-${TMPDIR:-/tmp}}/pacer-bench-capture.$FORMAT

./mvnw -B -q -pl pacer-cli -am package -DskipTests
JAR=pacer-cli/target/pacer.jar
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt
if [[ ! -s $CAPTURE ]]; then
    echo "generating a $SIZE $FORMAT capture at $CAPTURE ..." >&2
    java -cp "$JAR" io.pacer.load.replay.CaptureGenerator "$CAPTURE" "$SIZE" "$FORMAT" >&2
fi
[[ ${KEEP_CAPTURE:-0} == 1 ]] || trap_capture=1
source bench/kafka-broker.sh
start_broker "$JAR" "$OUT/broker.log"
if [[ -n ${trap_capture:-} ]]; then
    trap 'kill "$BROKER_PID_SAVED" 2>/dev/null || true; wait "$BROKER_PID_SAVED" 2>/dev/null || true; rm -f "$CAPTURE"' EXIT
fi

# Peak RSS of the replaying JVM: GNU time's "Maximum resident set size" (KiB).
/usr/bin/time -v -o "$OUT/time.txt" java "-Xmx$HEAP" -jar "$JAR" replay "$CAPTURE" --speed max \
    --bootstrap "$BOOTSTRAP" --topic bench-replay --partitions 6 --output "$OUT/replay.json" \
    -P compression.type=none "$@" | tee "$OUT/replay.txt"

python3 - "$OUT/replay.json" "$OUT/time.txt" "$CAPTURE" "$HEAP" <<'PY'
import json, os, re, subprocess, sys, datetime, platform
r = json.load(open(sys.argv[1]))
rss_kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(sys.argv[2]).read()).group(1))
seconds = r["rates"]["measuredMillis"] / 1000
file_mb = os.path.getsize(sys.argv[3]) / 2**20
jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print(f"capture {file_mb:,.0f} MB in {seconds:.1f} s = {file_mb / seconds:,.1f} MB/s of file; "
      f"{r['counts']['records']:,} records, {r['rates']['megabytesPerSecond']:,.1f} MB/s of payload into Kafka; "
      f"peak RSS {rss_kib / 1024:,.0f} MB with -Xmx{sys.argv[4]}; {jdk}; {platform.release()}; {datetime.date.today()}")
print(f"RESULT mb_per_s={r['rates']['megabytesPerSecond']:.1f} peak_rss_mb={rss_kib / 1024:.0f}")
PY
