#!/usr/bin/env bash
# Diagnosis accuracy (issue 14's measure): the demo pipeline (embedded Kafka, a Pacer batcher and tiered cache, the
# service collecting everything every 2 s) plus a private PostgreSQL; a quiet run, then eight known faults injected one
# at a time in an order drawn from SEED — CPU hog, memory leak, slow consumer, sink outage, Redis evictions under a
# too-small maxmemory, a query load on a table missing its index, a batch size too small for the rate, a connection
# pool capped below its callers (io.pacer.cli.demo.Faults). After each, POST /api/performance/analyze over the fault's
# window: its top finding is the fault's cell in the confusion table; the top recommendation's action, where it has
# one, is applied through /api/optimization/apply and counts as a fix when its verification (the verdict module's
# Mann-Whitney comparison of the window before and after) judges the metric improved.
#
# Usage: bench/diagnose.sh
# Env:   FAULT seconds each fault runs (90)   QUIET seconds of the quiet run (90)   SETTLE seconds after each (45)
#        SEED order of the faults (14)   VERIFY seconds each applied action is measured before and after (60)
# Needs: PostgreSQL 15 binaries (Debian: apt-get install postgresql-15) and redis-server (apt-get install redis-server).
# Out:   the demo's narration, one block per fault, the confusion table, then a last line
#        RESULT accuracy=<share of faults whose top finding is the expected kind> false_alarms=<findings above info on
#               the quiet run> fix_success=<share of faults whose top recommendation, applied, verified improved>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FAULT=${FAULT:-90}
QUIET=${QUIET:-90}
SETTLE=${SETTLE:-45}
SEED=${SEED:-14}
VERIFY=${VERIFY:-60}
JAR=pacer-cli/target/pacer.jar
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

./mvnw -B -q -pl pacer-cli -am package -DskipTests
WORK=$(mktemp -d -t pacer-bench-diagnose-XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/pg" && chown postgres "$WORK/pg"
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() {
    su postgres -c "$PGBIN/pg_ctl -D $WORK/pg/data -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

su postgres -c "$PGBIN/initdb -D $WORK/pg/data -U postgres --auth=trust -E UTF8" > "$WORK/initdb.log"
su postgres -c "$PGBIN/pg_ctl -D $WORK/pg/data -l $WORK/pg/server.log -w start -o \"-p $PGPORT -k $WORK/pg \
    -c listen_addresses=127.0.0.1 -c shared_preload_libraries=pg_stat_statements\"" > /dev/null
su postgres -c "$PGBIN/psql -h 127.0.0.1 -p $PGPORT -U postgres -q -c 'CREATE EXTENSION pg_stat_statements'"
URL="jdbc:postgresql://127.0.0.1:$PGPORT/postgres?user=postgres"

echo "# $(date -u +%FT%TZ) $(java -version 2>&1 | head -1); $(nproc) cores; FAULT=${FAULT}s QUIET=${QUIET}s SETTLE=${SETTLE}s SEED=$SEED VERIFY=${VERIFY}s"
java -Xmx1g -cp "$JAR" io.pacer.cli.demo.DiagnosisBench "$URL" "$WORK/data" "$FAULT" "$QUIET" "$SETTLE" "$SEED" "$VERIFY"
