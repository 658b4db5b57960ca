-- The service's settings that are changed at run time (through the API) rather than in pacer.yaml: one row per key,
-- the value as JSON. Same conventions as the history store: instants are epoch milliseconds (UTC).
CREATE TABLE pacer_setting (
    name VARCHAR(255) NOT NULL PRIMARY KEY,
    value TEXT NOT NULL,
    updated_ts BIGINT NOT NULL
);
