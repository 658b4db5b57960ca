#!/usr/bin/env bash
# `pacer full`: the built-in suite (baseline, high-throughput, stress with its capacity search, end-to-end) against
# the embedded broker it starts, as a user runs it. Measures how long the suite takes and what it found.
#
# Usage: bench/full.sh [extra pacer full options, e.g. --with soak, --quick, --suite FILE -b HOST:PORT]
# Out:   the suite's console report, a summary line, and a last line
#        RESULT suite_seconds=<first scenario start to last end> gates=<n> failed=<n> capacity_per_s=<stress> limited_by=<...>
#               report_ms=<median render of a 3,600-interval HTML report> report_bytes=<its size>
#               suite_report_bytes=<size of this suite's own HTML report>
#        (the suite's own reports, as `pacer full --html --junit` writes them: bench/out/full/report.html, junit.xml;
#        the one-hour report ReportBenchmark rendered: bench/out/full/report-hour.html)
#        (exit status 0 whatever the gates said: a failed gate is a finding, not a bench failure; 2 if it could not run)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=bench/out/full

./mvnw -B -q -pl pacer-cli -am package -DskipTests
JAR=pacer-cli/target/pacer.jar
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt "$OUT"/*.html "$OUT"/*.xml

start=$(date +%s.%N)
set +e
java -jar "$JAR" full --output "$OUT/results.json" --html "$OUT/report.html" --junit "$OUT/junit.xml" "$@" \
    | tee "$OUT/full.txt"
status=${PIPESTATUS[0]}
set -e
end=$(date +%s.%N)
if [[ $status -eq 2 || ! -s $OUT/results.json ]]; then
    echo "bench/full.sh: the suite could not run (exit $status)" >&2
    exit 2
fi

# The report of a one-hour run (3,600 intervals) rendered in a fresh JVM: first render, then the median of warm ones
# (ReportBenchmark, as bench/report.sh runs it); its RESULT keys join the suite's below.
java -cp "$JAR" io.pacer.verdict.report.ReportBenchmark "$OUT/report-hour.html" > "$OUT/report.txt"
grep -v '^RESULT ' "$OUT/report.txt"    # its keys go into the one RESULT line below

python3 - "$OUT/results.json" "$start" "$end" "$status" "$OUT/report.txt" "$OUT/report.html" <<'PY'
import json, os, subprocess, sys, datetime, platform
from datetime import datetime as dt
r = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
t = lambda s: dt.fromisoformat(s.replace("Z", "+00:00"))
suite = (t(r["finishedAt"]) - t(r["startedAt"])).total_seconds()
gates = [g for s in r["scenarios"] for g in s["gates"]]
failed = [s["name"] + ": " + g["gate"] for s in r["scenarios"] for g in s["gates"] if not g["passed"]]
stress = next((s for s in r["scenarios"] if s.get("capacity")), None)
capacity = stress["capacity"]["capacityPerSecond"] if stress else 0
limited = stress["capacity"]["limitedBy"] if stress else "none"
jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print(f"suite {r['suite']}: {len(r['scenarios'])} scenarios in {suite:.0f} s ({wall:.0f} s with JVM and broker start), "
      f"{len(gates)} gates, {len(failed)} failed{': ' + '; '.join(failed) if failed else ''}; "
      f"capacity {capacity:,.0f}/s limited by {limited}; exit {sys.argv[4]}; {jdk}; {platform.release()}; "
      f"{datetime.date.today()}")
bench = next(l for l in open(sys.argv[5]) if l.startswith("RESULT "))
report = dict(kv.split("=", 1) for kv in bench.split()[1:])
suite_report = os.path.getsize(sys.argv[6]) if os.path.exists(sys.argv[6]) else 0
print(f"reports: a 3,600-interval HTML report renders in {report['report_ms']} ms (median; first render "
      f"{report['report_first_ms']} ms in a fresh JVM), {int(report['report_bytes']):,} bytes; this suite's own report "
      f"{suite_report:,} bytes")
print(f"RESULT suite_seconds={suite:.0f} gates={len(gates)} failed={len(failed)} capacity_per_s={capacity:.0f} "
      f"limited_by={limited} report_ms={report['report_ms']} report_bytes={report['report_bytes']} "
      f"suite_report_bytes={suite_report}")
PY
