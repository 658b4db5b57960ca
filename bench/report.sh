#!/usr/bin/env bash
# How long the HTML report of a one-hour run (3,600 one-second intervals) takes to render and how big it is, in a
# fresh JVM: the first render (class loading included: what `pacer report` costs once), then the median of 15
# warm renders, against a named baseline: writing the same result as JSON (RunResults.toJson).
#
# Usage: bench/report.sh            (bench/full.sh calls it too)
# Out:   bench/out/report-hour.html (open it to look), a summary, and a last line
#        RESULT report_ms=… report_first_ms=… report_bytes=… json_ms=… report_vs_json=…
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

jar=pacer-cli/target/pacer.jar
if [[ ! -f "$jar" || -n "$(find pacer-verdict/src/main pacer-load/src/main -newer "$jar" -print -quit)" ]]; then
    ./mvnw -B -q -pl pacer-cli -am package -DskipTests
fi
mkdir -p bench/out
java -cp "$jar" io.pacer.verdict.report.ReportBenchmark bench/out/report-hour.html
