-- Users, API keys, dashboard sessions and the audit log (issue 13, security). Secrets are never stored in clear:
-- passwords as PBKDF2-HMAC-SHA256 (scheme$iterations$salt$hash), API keys and session ids as SHA-256 hex.
-- Instants are epoch milliseconds (UTC). Children are deleted explicitly (SQLite does not enforce foreign keys).
CREATE TABLE pacer_user (
    id ${id},
    name VARCHAR(64) NOT NULL UNIQUE,
    role VARCHAR(16) NOT NULL,
    password_hash VARCHAR(255),
    created_ts BIGINT NOT NULL
);

-- key_id: the key's first characters (pacer_ + 8), in clear, to find and name it; hash: SHA-256 of the whole key.
-- A key's role is at most its user's: the effective role is the lower of the two.
CREATE TABLE pacer_api_key (
    id ${id},
    key_id VARCHAR(32) NOT NULL UNIQUE,
    hash VARCHAR(64) NOT NULL,
    user_id BIGINT NOT NULL REFERENCES pacer_user (id),
    name VARCHAR(128) NOT NULL,
    role VARCHAR(16) NOT NULL,
    created_ts BIGINT NOT NULL,
    expires_ts BIGINT,
    last_used_ts BIGINT
);

-- id_hash: SHA-256 of the cookie's session id. key_id: set when the session was opened with an API key, so that
-- revoking the key ends the session too.
CREATE TABLE pacer_session (
    id_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES pacer_user (id),
    key_id VARCHAR(32),
    csrf_token VARCHAR(64) NOT NULL,
    created_ts BIGINT NOT NULL,
    expires_ts BIGINT NOT NULL
);

-- One row per mutating request, written after it was answered (also when it failed): who (user, key, role),
-- when, what (method, route template, path), from where (client address), outcome (status), correlation id.
CREATE TABLE pacer_audit (
    id ${id},
    ts BIGINT NOT NULL,
    method VARCHAR(16) NOT NULL,
    route VARCHAR(255) NOT NULL,
    path VARCHAR(1024) NOT NULL,
    user_name VARCHAR(64),
    key_id VARCHAR(32),
    role VARCHAR(16),
    client VARCHAR(64) NOT NULL,
    status INTEGER NOT NULL,
    correlation_id VARCHAR(64) NOT NULL
);
CREATE INDEX pacer_audit_ts ON pacer_audit (ts);
