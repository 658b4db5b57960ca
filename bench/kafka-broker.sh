# Sourced by the Kafka bench scripts: start_broker starts the embedded broker in a JVM of its own (so the tool
# being measured does not share its JVM), sets BOOTSTRAP, and stops it when the script exits.
start_broker() {
    local jar=$1 log=$2
    coproc BROKER { exec java ${BROKER_JAVA_OPTS:--Xmx2g} -cp "$jar" io.pacer.embedded.EmbeddedKafka --ignore-stdin 2>"$log"; }
    BROKER_PID_SAVED=$BROKER_PID
    trap 'kill "$BROKER_PID_SAVED" 2>/dev/null || true; wait "$BROKER_PID_SAVED" 2>/dev/null || true' EXIT
    local line
    if ! read -r -t 180 line <&"${BROKER[0]}" || [[ $line != BOOTSTRAP=* ]]; then
        echo "broker did not start (see $log)" >&2
        exit 1
    fi
    BOOTSTRAP=${line#BOOTSTRAP=}
    echo "broker (own JVM, pid $BROKER_PID_SAVED) at $BOOTSTRAP" >&2
}
