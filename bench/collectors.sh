#!/usr/bin/env bash
# Collector overhead: CPU time per collection of the host collector (OSHI) and of Pacer's own JVM, measured on the
# collecting thread after a warm-up (see CollectorOverhead); the baseline is the collection interval (share of one
# core at the default 10 s).
#
# Usage: bench/collectors.sh [cycles (200)] [warm-up cycles (100)]
# Out:   a line per collector (mean, p50, p99, max CPU ms; whole-process CPU and wall time per collection) and a last line
#        RESULT collect_cpu_ms_host=<ms> collect_cpu_ms_jvm=<ms> process_cpu_ms_host=<ms> process_cpu_ms_jvm=<ms>
#        (mean CPU per collection: the collecting thread's, then the whole JVM's, JIT and GC threads included)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./mvnw -B -q -pl pacer-benchmarks -am package -DskipTests
java -cp pacer-benchmarks/target/benchmarks.jar io.pacer.bench.monitor.CollectorOverhead "$@"
