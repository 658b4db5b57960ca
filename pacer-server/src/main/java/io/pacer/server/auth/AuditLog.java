package io.pacer.server.auth;

import io.pacer.server.state.ServerDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: one entry per mutating request — who, when, what, from where, with what outcome — in the state
 * database, newest first for admins ({@code GET /api/audit}). Written after the request was answered, failures
 * included: a refused attempt is what an audit is most often read for.
 */
final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final Sql db;

    AuditLog(ServerDatabase database) {
        this.db = new Sql(database);
    }

    /**
     * One audited request.
     *
     * @param id the entry's number, increasing (a cursor: {@code ?before=id})
     * @param time when it was answered
     * @param method the HTTP method
     * @param route the route template ({@code /api/users/{name}})
     * @param path the path as requested
     * @param user the user, or null when unauthenticated or under {@code --no-auth}
     * @param keyId the API key's public id, when one was used
     * @param role the caller's effective role, or null when unauthenticated
     * @param client the client's address
     * @param status the response status
     * @param correlationId the request's correlation id, to find it in the logs
     */
    record Entry(
            long id,
            Instant time,
            String method,
            String route,
            String path,
            String user,
            String keyId,
            String role,
            String client,
            int status,
            String correlationId) {}

    /** Records an entry; a failure to write is logged, never turned into a failed response. */
    void record(Entry e) {
        try {
            db.update(
                    "INSERT INTO pacer_audit (ts, method, route, path, user_name, key_id, role, client, status,"
                            + " correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.time().toEpochMilli(),
                    e.method(),
                    cut(e.route(), 255),
                    cut(e.path(), 1024),
                    e.user(),
                    e.keyId(),
                    e.role(),
                    cut(e.client(), 64),
                    e.status(),
                    e.correlationId());
        } catch (RuntimeException failure) {
            LOG.error("could not write the audit entry {}", e, failure);
        }
    }

    /** Deletes entries older than {@code oldest}; returns how many. */
    int deleteBefore(Instant oldest) {
        return db.update("DELETE FROM pacer_audit WHERE ts < ?", oldest.toEpochMilli());
    }

    /** Entries newest first: at most {@code limit}, older than {@code before} (an id) when set, of one user if set. */
    List<Entry> read(int limit, Long before, String user) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (before != null) {
            where.append(" AND id < ?");
            args.add(before);
        }
        if (user != null) {
            where.append(" AND user_name = ?");
            args.add(user);
        }
        return db.query(
                "SELECT id, ts, method, route, path, user_name, key_id, role, client, status, correlation_id"
                        + " FROM pacer_audit" + where + " ORDER BY id DESC LIMIT " + limit,
                ps -> {
                    for (int i = 0; i < args.size(); i++) {
                        ps.setObject(i + 1, args.get(i));
                    }
                },
                rs -> new Entry(
                        rs.getLong(1),
                        Instant.ofEpochMilli(rs.getLong(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getInt(10),
                        rs.getString(11)));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
