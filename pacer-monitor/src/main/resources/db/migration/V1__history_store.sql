-- Pacer's history store: one schema for SQLite and PostgreSQL. The only difference is how a series id is
-- generated, given by the placeholder series_id (SQLite: INTEGER PRIMARY KEY; PostgreSQL: an identity column).
-- Instants are epoch milliseconds (UTC).

-- A series: name plus labels (a JSON object, keys sorted), interned to a number.
CREATE TABLE pacer_series (
    id ${series_id},
    name VARCHAR(255) NOT NULL,
    labels VARCHAR(4000) NOT NULL,
    UNIQUE (name, labels)
);

-- Raw samples. histogram: the sample's encoded HdrHistogram (io.pacer.metrics.Histograms) for latency series.
CREATE TABLE pacer_sample (
    series_id BIGINT NOT NULL,
    ts BIGINT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    histogram TEXT
);
CREATE INDEX pacer_sample_series_ts ON pacer_sample (series_id, ts);

-- Rollups: one row per series, resolution (step, seconds) and bucket (its start).
CREATE TABLE pacer_rollup (
    series_id BIGINT NOT NULL,
    step INTEGER NOT NULL,
    bucket BIGINT NOT NULL,
    sample_count BIGINT NOT NULL,
    value_sum DOUBLE PRECISION NOT NULL,
    value_min DOUBLE PRECISION NOT NULL,
    value_max DOUBLE PRECISION NOT NULL,
    value_last DOUBLE PRECISION NOT NULL,
    last_ts BIGINT NOT NULL,
    histogram TEXT,
    PRIMARY KEY (series_id, step, bucket)
);

-- Per resolution, the instant before which every bucket is closed and written.
CREATE TABLE pacer_rollup_state (
    step INTEGER NOT NULL PRIMARY KEY,
    closed_until BIGINT NOT NULL
);
