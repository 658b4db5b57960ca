-- Alert history: one row per alert transition (io.pacer.monitor.alert.AlertTransition), for `pacer alerts history`,
-- and the open alerts (`pacer alerts list`, an engine taking them up after a restart). Same conventions as V1:
-- instants are epoch milliseconds (UTC), labels a JSON object with sorted keys, the id generated as ${series_id}
-- says. Transitions are recorded in the order they happen, so a higher id is a later step of the same alert.

CREATE TABLE pacer_alert_transition (
    id ${series_id},
    rule VARCHAR(255) NOT NULL,
    series_name VARCHAR(255) NOT NULL,
    series_labels VARCHAR(4000) NOT NULL,
    from_state VARCHAR(16) NOT NULL,
    to_state VARCHAR(16) NOT NULL,
    severity VARCHAR(16) NOT NULL,
    value DOUBLE PRECISION,
    threshold DOUBLE PRECISION NOT NULL,
    at_ts BIGINT NOT NULL,
    since_ts BIGINT NOT NULL,
    action VARCHAR(1000),
    message TEXT NOT NULL
);
CREATE INDEX pacer_alert_transition_at ON pacer_alert_transition (at_ts);
CREATE INDEX pacer_alert_transition_alert ON pacer_alert_transition (rule, series_name, series_labels, id);
