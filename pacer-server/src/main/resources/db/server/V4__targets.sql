-- Targets added through the API (POST /api/targets), beside those of pacer.yaml: every instance on one database
-- collects from them, and they survive a restart. The kind and address as the API took them (a PostgreSQL URL may hold
-- a password, as in pacer.yaml); instants are epoch milliseconds (UTC).
CREATE TABLE pacer_target (
    id ${id},
    kind VARCHAR(32) NOT NULL,
    target VARCHAR(2000) NOT NULL,
    created_ts BIGINT NOT NULL,
    UNIQUE (kind, target)
);
