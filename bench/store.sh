#!/usr/bin/env bash
# The history store's ingest into SQLite: through MetricStore (buffer, writer thread, series interning, batched
# transactions, rollups aggregated in memory) against a bare batched JDBC insert of the same rows into the same schema
# in the same kind of file (WAL, synchronous=NORMAL, batches of 5,000), alternating which goes first, in the same JVM.
# Then the rollup buckets are closed (timed on its own) and 24 h at one-minute resolution are queried for 100 series.
# See io.pacer.bench.store.StoreIngestBenchmark.
#
# Usage: bench/store.sh
# Env:   SAMPLES samples per round (1000000: 100 series over the last 24 h)   ROUNDS measured rounds (5; plus one
#        warm-up round that is not counted)   HEAP the JVM's -Xmx (2g)
# Out:   one ROUND line per round, a SUMMARY, and a last line
#        RESULT samples_per_s=<store, median> vs_raw_jdbc=<store/bare of medians> query_ms=<median>
#               collect_cpu_ms_host=… collect_cpu_ms_jvm=… process_cpu_ms_host=… process_cpu_ms_jvm=… (collector
#               overhead: mean CPU ms per collection, as bench/collectors.sh prints it)
# Goals: vs_raw_jdbc >= 0.8 and samples_per_s >= 200000.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SAMPLES=${SAMPLES:-1000000}
ROUNDS=${ROUNDS:-5}
HEAP=${HEAP:-2g}

./mvnw -B -q -pl pacer-benchmarks -am package -DskipTests
WORK=$(mktemp -d -t pacer-bench-store-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

java -Xmx"$HEAP" -cp pacer-benchmarks/target/benchmarks.jar io.pacer.bench.store.StoreIngestBenchmark \
    "$SAMPLES" "$ROUNDS" "$WORK" | tee "$WORK/out.txt"

# Collector overhead: CPU time per collection cycle of the host and JVM collectors (see bench/collectors.sh).
java -cp pacer-benchmarks/target/benchmarks.jar io.pacer.bench.monitor.CollectorOverhead 200 100 \
    | tee "$WORK/collectors.txt"

python3 - "$WORK/out.txt" "$WORK/collectors.txt" <<'PY'
import datetime, os, platform, re, subprocess, sys

summary = next(line for line in open(sys.argv[1]) if line.startswith("SUMMARY"))
values = dict(kv.split("=") for kv in summary.split()[1:])
store, ratio, query = float(values["store_per_s"]), float(values["ratio"]), float(values["query_ms"])
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
print()
print(f"JDK: {' / '.join(java[:2])}")
print(f"Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M:%SZ}  "
      f"Host: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}")
print(f"Medians of {values['rounds']} rounds of {int(values['samples']):,} samples; rollup close "
      f"{float(values['rollup_close_ms']):,.0f} ms (all buckets of 24 h, not part of samples_per_s)")
print(f"Per CPU second of the whole JVM (steadier on a loaded machine): store {float(values['store_per_cpu_s']):,.0f}, "
      f"bare {float(values['bare_per_cpu_s']):,.0f}, ratio {float(values['cpu_ratio']):.2f}")
print(f"Goals: >= 0.8x the bare insert ({'met' if ratio >= 0.8 else 'MISSED'}), "
      f">= 200k samples/s ({'met' if store >= 200_000 else 'MISSED'})")
collect = next(line for line in open(sys.argv[2]) if line.startswith("RESULT")).split()[1:]
print(f"RESULT samples_per_s={store:.0f} vs_raw_jdbc={ratio:.2f} query_ms={query:.1f} {' '.join(collect)}")
PY
