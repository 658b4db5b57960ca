-- The history of optimisation actions (issue 14; io.pacer.analysis.action.ActionLog kept in the database): who asked,
-- when, what (the plan with every before and after), the verification's verdict, and the rollback. A restarted service
-- resumes the scheduled and verifying ones, so status is indexed. The plan and the rest of the record are kept as JSON
-- text (io.pacer.internal.Json; the record without its plan, which is in its own column); the columns beside them are
-- what lists and filters need without parsing. Instants are epoch milliseconds (UTC); the id is the action's own.
CREATE TABLE pacer_action (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    kind VARCHAR(64) NOT NULL,
    status VARCHAR(16) NOT NULL,
    requested_by VARCHAR(128) NOT NULL,
    created_ts BIGINT NOT NULL,
    scheduled_ts BIGINT NOT NULL,
    applied_ts BIGINT,
    reverted_ts BIGINT,
    verdict VARCHAR(16),
    plan TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX pacer_action_created ON pacer_action (created_ts, id);
CREATE INDEX pacer_action_status ON pacer_action (status);
