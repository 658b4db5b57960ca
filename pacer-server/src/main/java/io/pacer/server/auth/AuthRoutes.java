package io.pacer.server.auth;

import io.javalin.http.Context;
import io.pacer.server.Role;
import io.pacer.server.ServerConfig;
import io.pacer.server.ServerParts;
import io.pacer.server.http.Api;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.Params;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteDoc.Param;
import io.pacer.server.http.RouteGroup;
import io.pacer.server.state.ServerDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sign-in and sign-out for the dashboard, users and API keys (admins), and the audit log (admins).
 *
 * <p>{@code POST /api/session} takes {@code {"user", "password"}} or {@code {"key"}} and answers with the session cookie
 * and the CSRF token the dashboard sends back in {@value Security#CSRF_HEADER} with every change.
 */
public final class AuthRoutes implements RouteGroup {

    private static final String SESSION = "session";
    private static final String USERS = "users";

    private final ServerConfig config;
    private final Clock clock;
    private final Accounts accounts;
    private final AuditLog audit;

    public AuthRoutes(ServerParts parts) {
        this(parts.config(), parts.clock(), parts.database());
    }

    AuthRoutes(ServerConfig config, Clock clock, ServerDatabase database) {
        this.config = config;
        this.clock = clock;
        this.accounts = new Accounts(database);
        this.audit = new AuditLog(database);
    }

    @Override
    public void register(Api api) {
        api.post(
                        "/api/session",
                        Role.PUBLIC,
                        RouteDoc.of(SESSION, "Sign in: opens a session cookie", "200: the user, role and CSRF token")
                                .withBody("{\"type\":\"object\",\"properties\":{\"user\":{\"type\":\"string\"},"
                                        + "\"password\":{\"type\":\"string\"},\"key\":{\"type\":\"string\"}}}"),
                        this::signIn)
                .get(
                        "/api/session",
                        Role.VIEWER,
                        RouteDoc.of(SESSION, "Who is signed in", "200: the user, role and CSRF token"),
                        this::whoAmI)
                .delete(
                        "/api/session",
                        Role.VIEWER,
                        RouteDoc.of(SESSION, "Sign out: ends the session", "204: signed out"),
                        this::signOut)
                .put(
                        "/api/session/password",
                        Role.VIEWER,
                        RouteDoc.of(SESSION, "Change your own password; ends your password sessions", "204: changed")
                                .withBody("{\"type\":\"object\",\"required\":[\"current\",\"password\"],"
                                        + "\"properties\":{\"current\":{\"type\":\"string\"},\"password\":{"
                                        + "\"type\":\"string\",\"minLength\":12}}}"),
                        this::changeOwnPassword)
                .get(
                        "/api/users",
                        Role.ADMIN,
                        RouteDoc.of(USERS, "List users", "200: the users"),
                        ctx -> ctx.json(accounts.users()))
                .post(
                        "/api/users",
                        Role.ADMIN,
                        RouteDoc.of(USERS, "Create a user", "201: the user")
                                .withBody("{\"type\":\"object\",\"required\":[\"name\",\"role\"],\"properties\":{"
                                        + "\"name\":{\"type\":\"string\"},\"role\":{\"enum\":[\"viewer\",\"operator\","
                                        + "\"admin\"]},\"password\":{\"type\":\"string\",\"minLength\":12}}}"),
                        this::createUser)
                .put(
                        "/api/users/{name}",
                        Role.ADMIN,
                        RouteDoc.of(USERS, "Change a user's role or password", "200: the user")
                                .withParameters(Param.path("name", "the user's name"))
                                .withBody(
                                        "{\"type\":\"object\",\"properties\":{\"role\":{\"enum\":[\"viewer\","
                                                + "\"operator\",\"admin\"]},\"password\":{\"type\":\"string\",\"minLength\":12}}}"),
                        this::updateUser)
                .delete(
                        "/api/users/{name}",
                        Role.ADMIN,
                        RouteDoc.of(USERS, "Delete a user with their keys and sessions", "204: deleted")
                                .withParameters(Param.path("name", "the user's name")),
                        ctx -> {
                            accounts.deleteUser(Body.userName("name", ctx.pathParam("name")));
                            ctx.status(204);
                        })
                .get(
                        "/api/keys",
                        Role.ADMIN,
                        RouteDoc.of("keys", "List API keys (never the keys)", "200: the keys"),
                        ctx -> ctx.json(accounts.keys()))
                .post(
                        "/api/keys",
                        Role.ADMIN,
                        RouteDoc.of("keys", "Create an API key; the key is in this answer only", "201: the key")
                                .withBody("{\"type\":\"object\",\"required\":[\"user\",\"name\"],\"properties\":{"
                                        + "\"user\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},\"role\":{"
                                        + "\"enum\":[\"viewer\",\"operator\",\"admin\"]},\"expiresInDays\":{\"type\":"
                                        + "\"integer\",\"minimum\":1,\"maximum\":3650}}}"),
                        this::createKey)
                .delete(
                        "/api/keys/{id}",
                        Role.ADMIN,
                        RouteDoc.of("keys", "Revoke an API key and end the sessions it opened", "204: revoked")
                                .withParameters(Param.path("id", "the key's id (pacer_ and 8 characters)")),
                        ctx -> {
                            accounts.deleteKey(ctx.pathParam("id"));
                            ctx.status(204);
                        })
                .get(
                        "/api/audit",
                        Role.ADMIN,
                        RouteDoc.of("audit", "The audit log of every change, newest first", "200: the entries")
                                .withParameters(
                                        Param.query("limit", "integer", "entries at most; default 100, at most 1000"),
                                        Param.query("before", "integer", "only entries with a smaller id (paging)"),
                                        Param.query("user", "string", "only this user's entries")),
                        this::readAudit);
    }

    private void signIn(Context ctx) {
        Body body = Body.of(ctx, Set.of("user", "password", "key"));
        String key = body.text("key", false);
        String user = body.text("user", false);
        Instant now = clock.instant();
        Duration ttl = config.security().sessionTtl();
        Accounts.NewSession session;
        if (key != null) {
            if (user != null || body.text("password", false) != null) {
                throw ApiException.invalid("key", "sign in with either a key or a user and password, not both");
            }
            session = accounts.signInWithKey(key, now, ttl)
                    .orElseThrow(
                            () -> ApiException.unauthorized("the API key is not valid (mistyped, revoked or expired)"));
        } else {
            if (user == null) {
                throw ApiException.invalid("user", "is required (or sign in with a key)");
            }
            String password = body.text("password", true);
            if (user.length() > 64 || password.length() > Accounts.MAX_PASSWORD) {
                throw ApiException.unauthorized("the user name or password is wrong");
            }
            session = accounts.signInWithPassword(user, password, now, ttl)
                    .orElseThrow(() -> ApiException.unauthorized("the user name or password is wrong"));
        }
        ctx.attribute(Security.PRINCIPAL, session.principal());
        setCookie(ctx, session.id(), ttl.toSeconds());
        ctx.json(describe(session.principal(), session.expiresAt()));
    }

    private void whoAmI(Context ctx) {
        Principal p = ctx.attribute(Security.PRINCIPAL);
        ctx.json(describe(p, null));
    }

    private void signOut(Context ctx) {
        Principal p = ctx.attribute(Security.PRINCIPAL);
        String cookie = ctx.cookie(cookieName());
        if (p.via() == Principal.Via.SESSION && cookie != null) {
            accounts.signOut(cookie);
        }
        setCookie(ctx, "", 0);
        ctx.status(204);
    }

    /** Anyone signed in may change their own password, proving the current one (a stolen session alone cannot). */
    private void changeOwnPassword(Context ctx) {
        Principal p = ctx.attribute(Security.PRINCIPAL);
        Body body = Body.of(ctx, Set.of("current", "password"));
        String current = body.text("current", true);
        String password = body.password("password", true);
        if (p.userName() == null) {
            throw ApiException.conflict("without authentication (--no-auth) there is no user whose password to change");
        }
        if (current.length() > Accounts.MAX_PASSWORD || !accounts.passwordMatches(p.userName(), current)) {
            throw ApiException.forbidden("the current password is wrong (or '" + p.userName()
                    + "' has none; an admin sets it with PUT /api/users/" + p.userName() + ")");
        }
        accounts.updateUser(p.userName(), null, password);
        ctx.status(204);
    }

    private void createUser(Context ctx) {
        Body body = Body.of(ctx, Set.of("name", "role", "password"));
        String name = Body.userName("name", body.text("name", true));
        Role role = body.role("role", true);
        String password = body.password("password", false);
        ctx.status(201).json(accounts.createUser(name, role, password, clock.instant()));
    }

    private void updateUser(Context ctx) {
        String name = Body.userName("name", ctx.pathParam("name"));
        Body body = Body.of(ctx, Set.of("role", "password"));
        Role role = body.role("role", false);
        String password = body.password("password", false);
        if (role == null && password == null) {
            throw ApiException.invalid("body", "give a role, a password or both");
        }
        ctx.json(accounts.updateUser(name, role, password));
    }

    private void createKey(Context ctx) {
        Body body = Body.of(ctx, Set.of("user", "name", "role", "expiresInDays"));
        String user = Body.userName("user", body.text("user", true));
        String name = body.text("name", true);
        if (name.isBlank() || name.length() > 128) {
            throw ApiException.invalid("name", "must be 1 to 128 characters saying what the key is for");
        }
        Role role = body.role("role", false);
        Long days = body.number("expiresInDays", 1, 3650);
        Instant now = clock.instant();
        Accounts.NewKey key = accounts.createKey(
                user,
                name,
                role == null ? Role.VIEWER : role,
                days == null ? null : now.plus(Duration.ofDays(days)),
                now);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("key", key.key());
        answer.put("id", key.view().id());
        answer.put("user", key.view().user());
        answer.put("name", key.view().name());
        answer.put("role", key.view().role());
        answer.put("createdAt", key.view().createdAt());
        answer.put("expiresAt", key.view().expiresAt());
        ctx.status(201).json(answer);
    }

    private void readAudit(Context ctx) {
        Params params = Params.of(ctx, Set.of("limit", "before", "user"), null);
        int limit = params.integer("limit", AuditLog.DEFAULT_LIMIT, 1, AuditLog.MAX_LIMIT);
        long before = params.whole("before", 0, 1, Long.MAX_VALUE);
        params.check();
        ctx.json(audit.read(limit, before == 0 ? null : before, ctx.queryParam("user")));
    }

    private static Map<String, Object> describe(Principal p, Instant expiresAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", p.userName());
        m.put("role", p.role().label());
        m.put("via", Security.lower(p.via().name()));
        if (p.keyId() != null) {
            m.put("keyId", p.keyId());
        }
        if (p.csrfToken() != null) {
            m.put("csrfToken", p.csrfToken());
        }
        if (expiresAt != null) {
            m.put("expiresAt", expiresAt);
        }
        return m;
    }

    private String cookieName() {
        return Security.tls(config) ? Security.TLS_COOKIE : Security.COOKIE;
    }

    /** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure under TLS. */
    private void setCookie(Context ctx, String value, long maxAgeSeconds) {
        boolean tls = Security.tls(config);
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        cookieName() + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                                + "; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : ""));
    }
}
