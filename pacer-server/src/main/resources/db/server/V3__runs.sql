-- Runs that CI jobs uploaded (POST /api/runs) and the baselines they are compared with. Same conventions as V1:
-- instants are epoch milliseconds (UTC); ${id} is the generated key. The result is kept exactly as uploaded (the JSON
-- text), so a report rendered from it later is the report of what was measured; the columns beside it are what lists
-- and filters need without parsing every result.
CREATE TABLE pacer_run (
    id ${id},
    kind VARCHAR(16) NOT NULL,
    name VARCHAR(255) NOT NULL,
    subject VARCHAR(255) NOT NULL,
    verdict VARCHAR(16) NOT NULL,
    started_ts BIGINT,
    uploaded_ts BIGINT NOT NULL,
    summary TEXT NOT NULL,
    result TEXT NOT NULL
);
CREATE INDEX pacer_run_name ON pacer_run (name, id);
CREATE INDEX pacer_run_verdict ON pacer_run (verdict, id);

-- Named baselines (io.pacer.verdict.baseline.BaselineStore kept in the database): the description (a Baseline as
-- JSON) and the result as it was saved.
CREATE TABLE pacer_baseline (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    description TEXT NOT NULL,
    result TEXT NOT NULL,
    saved_ts BIGINT NOT NULL
);
