package io.pacer.server.auth;

import io.pacer.server.Role;
import io.pacer.server.http.ApiException;
import io.pacer.server.state.ServerDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Users, their API keys and dashboard sessions in the state database. Stateless over the database, so every
 * instance sharing it sees the same accounts at once (a revoked key stops working everywhere on its next request).
 */
final class Accounts {

    /** The user created on first start. */
    static final String FIRST_ADMIN = "admin";

    static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 1024;
    /** A key's last use is written at most this often, so that reads do not turn into writes. */
    private static final long LAST_USED_GRANULARITY_MS = Duration.ofMinutes(1).toMillis();

    private final Sql sql;

    Accounts(ServerDatabase database) {
        this.sql = new Sql(database);
    }

    /** A user as the API shows it: never the password hash. */
    record UserView(String name, String role, boolean hasPassword, Instant createdAt) {}

    /** A key as the API shows it: its public id, never the key. */
    record KeyView(
            String id,
            String user,
            String name,
            String role,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt) {}

    /** A key just made: {@code key} is shown this once and never again. */
    record NewKey(String key, KeyView view) {}

    /** A session just opened: the cookie's id (shown once) and what the dashboard needs. */
    record NewSession(String id, Principal principal, Instant expiresAt) {}

    /**
     * On first start (no users), creates the {@code admin} user with an admin key: {@code givenKey} when set, else a new
     * one.
     *
     * @return the key, when it was generated here (the caller prints it once); empty otherwise
     */
    Optional<String> bootstrap(String givenKey, Instant now) {
        if (userCount() > 0) {
            return Optional.empty();
        }
        String key = givenKey != null ? givenKey : Credentials.newApiKey();
        try {
            createUser(FIRST_ADMIN, Role.ADMIN, null, now);
            insertKey(key, FIRST_ADMIN, "first-start admin key", Role.ADMIN, null, now);
        } catch (ApiException | IllegalStateException e) {
            return Optional.empty(); // another instance on the same database created it first
        }
        return givenKey != null ? Optional.empty() : Optional.of(key);
    }

    int userCount() {
        return query("SELECT COUNT(*) FROM pacer_user", ps -> {}, rs -> rs.getInt(1))
                .get(0);
    }

    List<UserView> users() {
        return query(
                "SELECT name, role, password_hash, created_ts FROM pacer_user ORDER BY name",
                ps -> {},
                rs -> new UserView(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3) != null,
                        Instant.ofEpochMilli(rs.getLong(4))));
    }

    UserView createUser(String name, Role role, String password, Instant now) {
        if (!users(name).isEmpty()) {
            throw ApiException.conflict("a user named '" + name + "' exists; change it with PUT /api/users/" + name);
        }
        String hash = password == null ? null : Credentials.hashPassword(password);
        try {
            update(
                    "INSERT INTO pacer_user (name, role, password_hash, created_ts) VALUES (?, ?, ?, ?)",
                    name,
                    role.label(),
                    hash,
                    now.toEpochMilli());
        } catch (IllegalStateException e) {
            throw ApiException.conflict("a user named '" + name + "' exists");
        }
        return new UserView(name, role.label(), hash != null, now);
    }

    /** Changes a user's role and/or password; a null leaves it as it is. Refuses to demote the last admin. */
    UserView updateUser(String name, Role role, String password) {
        user(name);
        if (role != null) {
            unlessLastAdmin(
                    name,
                    role == Role.ADMIN,
                    c -> Sql.execute(c, "UPDATE pacer_user SET role = ? WHERE name = ?", role.label(), name));
        }
        if (password != null) {
            update("UPDATE pacer_user SET password_hash = ? WHERE name = ?", Credentials.hashPassword(password), name);
            // A new password ends the sessions opened with the old one.
            update(
                    "DELETE FROM pacer_session WHERE key_id IS NULL AND user_id = (SELECT id FROM pacer_user WHERE"
                            + " name = ?)",
                    name);
        }
        return user(name);
    }

    /** Deletes a user with their keys and sessions. Refuses to delete the last admin. */
    void deleteUser(String name) {
        user(name);
        String ofUser = " WHERE user_id = (SELECT id FROM pacer_user WHERE name = ?)";
        unlessLastAdmin(name, false, c -> {
            Sql.execute(c, "DELETE FROM pacer_session" + ofUser, name);
            Sql.execute(c, "DELETE FROM pacer_api_key" + ofUser, name);
            Sql.execute(c, "DELETE FROM pacer_user WHERE name = ?", name);
        });
    }

    /**
     * Runs {@code change} to user {@code name} in one transaction that first locks every admin's row (a no-op update:
     * row locks on PostgreSQL, the write lock on SQLite), so two admins demoting or deleting each other at once cannot
     * both see another admin left; refuses with 409 when {@code name} is the last admin and stays one only if {@code
     * keepsAdmin}.
     */
    private void unlessLastAdmin(String name, boolean keepsAdmin, Sql.Work change) {
        sql.transaction(c -> {
            Sql.execute(c, "UPDATE pacer_user SET role = role WHERE role = ?", Role.ADMIN.label());
            int admins = 0;
            boolean isAdmin = false;
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT name FROM pacer_user WHERE role = ?")) {
                ps.setString(1, Role.ADMIN.label());
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        admins++;
                        isAdmin |= rs.getString(1).equals(name);
                    }
                }
            }
            if (isAdmin && admins == 1 && !keepsAdmin) {
                throw ApiException.conflict("'" + name + "' is the last admin; make another user admin first");
            }
            change.run(c);
        });
    }

    /** A new key for {@code userName}, with at most the user's role. */
    NewKey createKey(String userName, String name, Role role, Instant expiresAt, Instant now) {
        UserView user = user(userName);
        Role userRole = Role.valueOf(user.role().toUpperCase(java.util.Locale.ROOT));
        if (!userRole.covers(role)) {
            throw ApiException.invalid(
                    "role", "must be at most the user's role (" + user.role() + "), but was " + role.label());
        }
        String key = Credentials.newApiKey();
        insertKey(key, userName, name, role, expiresAt, now);
        return new NewKey(key, keys(Credentials.keyId(key)).get(0));
    }

    List<KeyView> keys() {
        return keys(null);
    }

    /** Revokes a key and ends the sessions it opened. */
    void deleteKey(String keyId) {
        if (keys(keyId).isEmpty()) {
            throw ApiException.notFound("no key " + keyId + "; GET /api/keys lists them");
        }
        update("DELETE FROM pacer_session WHERE key_id = ?", keyId);
        update("DELETE FROM pacer_api_key WHERE key_id = ?", keyId);
    }

    /** The caller a bearer key names, if it is a live key. */
    Optional<Principal> byApiKey(String key, Instant now) {
        if (key == null || !io.pacer.server.SecurityConfig.API_KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        String keyId = Credentials.keyId(key);
        List<Object[]> rows = query(
                "SELECT k.hash, k.role, k.expires_ts, k.last_used_ts, u.name, u.role FROM pacer_api_key k"
                        + " JOIN pacer_user u ON u.id = k.user_id WHERE k.key_id = ?",
                ps -> ps.setString(1, keyId),
                rs -> new Object[] {
                    rs.getString(1), rs.getString(2), rs.getObject(3), rs.getLong(4), rs.getString(5), rs.getString(6)
                });
        if (rows.isEmpty() || !Credentials.same((String) rows.get(0)[0], Credentials.sha256(key))) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        if (row[2] != null && ((Number) row[2]).longValue() <= now.toEpochMilli()) {
            return Optional.empty();
        }
        if (now.toEpochMilli() - (long) row[3] >= LAST_USED_GRANULARITY_MS) {
            update("UPDATE pacer_api_key SET last_used_ts = ? WHERE key_id = ?", now.toEpochMilli(), keyId);
        }
        Role role = lower(role((String) row[1]), role((String) row[5]));
        return Optional.of(new Principal((String) row[4], keyId, role, Principal.Via.KEY, null));
    }

    /** Opens a session for a user's password; empty when the name or password is wrong (indistinguishably). */
    Optional<NewSession> signInWithPassword(String name, String password, Instant now, Duration ttl) {
        return passwordMatches(name, password) ? Optional.of(openSession(name, null, now, ttl)) : Optional.empty();
    }

    /** Whether {@code name} has the password {@code password}; as slow for an unknown user as for a known one. */
    boolean passwordMatches(String name, String password) {
        List<String> hashes = query(
                "SELECT password_hash FROM pacer_user WHERE name = ?",
                ps -> ps.setString(1, name),
                rs -> rs.getString(1));
        return Credentials.verifyPassword(password, hashes.isEmpty() ? null : hashes.get(0));
    }

    /** Opens a session for an API key (the demo prints one to sign in with); empty when the key is not live. */
    Optional<NewSession> signInWithKey(String key, Instant now, Duration ttl) {
        return byApiKey(key, now).map(p -> openSession(p.userName(), p.keyId(), now, ttl));
    }

    private NewSession openSession(String userName, String keyId, Instant now, Duration ttl) {
        update("DELETE FROM pacer_session WHERE expires_ts <= ?", now.toEpochMilli());
        String id = Credentials.randomToken();
        String csrf = Credentials.randomToken();
        Instant expires = now.plus(ttl);
        update(
                "INSERT INTO pacer_session (id_hash, user_id, key_id, csrf_token, created_ts, expires_ts)"
                        + " SELECT ?, id, ?, ?, ?, ? FROM pacer_user WHERE name = ?",
                Credentials.sha256(id),
                keyId,
                csrf,
                now.toEpochMilli(),
                expires.toEpochMilli(),
                userName);
        return new NewSession(id, bySession(id, now).orElseThrow(), expires);
    }

    /** The caller a session cookie names, if the session is live (and the key that opened it, if any, too). */
    Optional<Principal> bySession(String sessionId, Instant now) {
        if (sessionId == null || sessionId.length() != 43) {
            return Optional.empty();
        }
        List<Principal> found = query(
                "SELECT u.name, u.role, s.key_id, k.role, s.csrf_token FROM pacer_session s"
                        + " JOIN pacer_user u ON u.id = s.user_id LEFT JOIN pacer_api_key k ON k.key_id = s.key_id"
                        + " WHERE s.id_hash = ? AND s.expires_ts > ?"
                        + " AND (s.key_id IS NULL OR (k.key_id IS NOT NULL AND (k.expires_ts IS NULL"
                        + " OR k.expires_ts > ?)))",
                ps -> {
                    ps.setString(1, Credentials.sha256(sessionId));
                    ps.setLong(2, now.toEpochMilli());
                    ps.setLong(3, now.toEpochMilli());
                },
                rs -> {
                    Role role = role(rs.getString(2));
                    if (rs.getString(4) != null) {
                        role = lower(role, role(rs.getString(4)));
                    }
                    return new Principal(
                            rs.getString(1), rs.getString(3), role, Principal.Via.SESSION, rs.getString(5));
                });
        return found.stream().findFirst();
    }

    void signOut(String sessionId) {
        update("DELETE FROM pacer_session WHERE id_hash = ?", Credentials.sha256(sessionId));
    }

    private UserView user(String name) {
        List<UserView> found = users(name);
        if (found.isEmpty()) {
            throw ApiException.notFound("no user '" + name + "'; GET /api/users lists them");
        }
        return found.get(0);
    }

    private List<UserView> users(String name) {
        return query(
                "SELECT name, role, password_hash, created_ts FROM pacer_user WHERE name = ?",
                ps -> ps.setString(1, name),
                rs -> new UserView(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3) != null,
                        Instant.ofEpochMilli(rs.getLong(4))));
    }

    private void insertKey(String key, String userName, String name, Role role, Instant expiresAt, Instant now) {
        long userId = query(
                        "SELECT id FROM pacer_user WHERE name = ?",
                        ps -> ps.setString(1, userName),
                        rs -> rs.getLong(1))
                .get(0);
        update(
                "INSERT INTO pacer_api_key (key_id, hash, user_id, name, role, created_ts, expires_ts, last_used_ts)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                Credentials.keyId(key),
                Credentials.sha256(key),
                userId,
                name,
                role.label(),
                now.toEpochMilli(),
                expiresAt == null ? null : expiresAt.toEpochMilli());
    }

    private List<KeyView> keys(String keyId) {
        return query(
                "SELECT k.key_id, u.name, k.name, k.role, k.created_ts, k.expires_ts, k.last_used_ts"
                        + " FROM pacer_api_key k JOIN pacer_user u ON u.id = k.user_id"
                        + (keyId == null ? "" : " WHERE k.key_id = ?") + " ORDER BY k.created_ts, k.key_id",
                ps -> {
                    if (keyId != null) {
                        ps.setString(1, keyId);
                    }
                },
                rs -> {
                    long expires = rs.getLong(6);
                    boolean noExpiry = rs.wasNull();
                    long used = rs.getLong(7);
                    return new KeyView(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)),
                            noExpiry ? null : Instant.ofEpochMilli(expires),
                            used == 0 ? null : Instant.ofEpochMilli(used));
                });
    }

    static Role role(String label) {
        return Role.valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }

    private static Role lower(Role a, Role b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private <T> List<T> query(String statement, Sql.Binder binder, Sql.RowMapper<T> mapper) {
        return sql.query(statement, binder, mapper);
    }

    private int update(String statement, Object... args) {
        return sql.update(statement, args);
    }
}
