package io.pacer.server.auth;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.security.RouteRole;
import io.pacer.server.Role;
import io.pacer.server.SecurityConfig;
import io.pacer.server.ServerConfig;
import io.pacer.server.ServerParts;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.JettyProblems;
import io.pacer.server.http.ProblemResponses;
import io.pacer.server.state.ServerDatabase;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, not API. The service's protection, installed into Javalin in one call: security headers and the
 * per-address rate limit on every request; on every matched route the access check from the role it was registered
 * with (401 without valid credentials, 403 when the role falls short or a cookie-authenticated mutation lacks its
 * CSRF token), the per-key rate limit, and afterwards the audit entry of every mutation; request size limits; TLS.
 *
 * <p>Callers prove who they are with {@code Authorization: Bearer KEY} (API clients) or the session cookie the
 * dashboard gets from {@code POST /api/session}. See docs/server-security.md.
 */
public final class Security {

    /** The context attribute holding the request's {@link Principal}, once known. */
    static final String PRINCIPAL = "pacer.principal";
    /** The session cookie; under TLS with the {@code __Host-} prefix, which browsers only accept Secure and host-only. */
    static final String COOKIE = "pacer_session";

    static final String TLS_COOKIE = "__Host-" + COOKIE;
    /** The header a cookie-authenticated mutation carries its session's CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /** The routes that check a password (slow on purpose): limited per address like sign-ins. */
    static final Set<String> PASSWORD_ROUTES = Set.of("POST /api/session", "PUT /api/session/password");

    static final String METRICS_ROUTE = "/metrics";

    /** No inline script anywhere; styles may be inline because the chart library sets style attributes. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"
            + " 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final Logger LOG = LoggerFactory.getLogger(Security.class);

    private final ServerConfig server;
    private final SecurityConfig config;
    private final Clock clock;
    private final Accounts accounts;
    private final AuditLog audit;
    private final RateLimiter limiter;
    /** When the audit log was last pruned of entries older than its retention (epoch ms; 0 = never). */
    private final java.util.concurrent.atomic.AtomicLong lastPruned = new java.util.concurrent.atomic.AtomicLong();

    /** The security headers of every answer (Jetty's own error answers included: {@link JettyProblems}). */
    private final Map<String, String> headers;

    private Security(ServerConfig server, Clock clock, ServerDatabase database, RateLimiter limiter) {
        this.server = server;
        this.headers = headers(server);
        this.config = server.security();
        this.clock = clock;
        this.accounts = new Accounts(database);
        this.audit = new AuditLog(database);
        this.limiter = limiter;
    }

    /**
     * Installs the service's protection into {@code c}; on first start with authentication on and no users, creates
     * the admin user and prints its key once on standard output.
     *
     * @throws IllegalArgumentException when the TLS keystore cannot be used
     * @throws IllegalStateException when the configured Redis cannot be reached
     */
    public static void install(JavalinConfig c, ServerParts parts) {
        install(c, parts.config(), parts.clock(), parts.database(), System.out);
    }

    static void install(JavalinConfig c, ServerConfig server, Clock clock, ServerDatabase database, PrintStream out) {
        SecurityConfig config = server.security();
        if (tls(server)) {
            Tls.install(c.jetty, server);
        }
        RateLimiter limiter =
                server.redisUrl() == null ? RateLimiter.inMemory(clock) : RateLimiter.redis(server.redisUrl(), clock);
        Security security = new Security(server, clock, database, limiter);
        if (!server.noAuth()) {
            security.accounts.bootstrap(config.adminKey(), clock.instant()).ifPresent(key -> printFirstKey(out, key));
        }
        security.pruneAudit();
        c.http.maxRequestSize = config.maxRequestBytes();
        JettyProblems problems = new JettyProblems(headers(server));
        c.jetty.modifyServer(jetty -> jetty.setErrorHandler(problems));
        c.events.serverStopped(limiter::close);
        c.events.serverStartFailed(limiter::close);
        c.routes.before(security::everyRequest);
        c.routes.beforeMatched(security::checkAccess);
        c.routes.afterMatched(security::auditMutation);
        MalformedInput.install(c.routes);
    }

    /** The security headers every answer carries, in the order they are sent. */
    static Map<String, String> headers(ServerConfig server) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Cross-Origin-Resource-Policy", "same-origin");
        if (tls(server)) {
            h.put("Strict-Transport-Security", "max-age=31536000");
        }
        return h;
    }

    private static void printFirstKey(PrintStream out, String key) {
        out.println();
        out.println("No users yet: created the user 'admin' with this admin API key. It is shown this once; keep it"
                + " somewhere safe:");
        out.println();
        out.println("    " + key);
        out.println();
        out.println("Sign in to the dashboard with it, or send it as 'Authorization: Bearer KEY'. Add users and keys"
                + " with POST /api/users and POST /api/keys (docs/server-security.md).");
        out.println();
        out.flush();
    }

    /** Headers, the size limit and the per-address rate limit: for every request, matched or not. */
    private void everyRequest(Context ctx) {
        headers.forEach(ctx::header);
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
        String length = ctx.header("Content-Length");
        if (length != null && tooLong(length)) {
            throw ApiException.tooLarge("the body may be at most " + config.maxRequestBytes() + " bytes, but was "
                    + length.trim() + " bytes");
        }
        limit(ctx, "address:" + ctx.ip(), config.requestsPerMinutePerAddress(), "this client address");
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > config.maxRequestBytes();
        } catch (NumberFormatException e) {
            return false; // Jetty answers a malformed Content-Length with 400 itself
        }
    }

    /** The access check of a matched route, from the role it was registered with. */
    private void checkAccess(Context ctx) {
        Role required = requiredRole(ctx);
        boolean mutating = mutating(ctx.method());
        if (mutating) {
            checkSameOrigin(ctx);
        }
        if (route(ctx).equals(METRICS_ROUTE) && server.metricsToken() != null) {
            checkMetricsToken(ctx);
        }
        if (PASSWORD_ROUTES.contains(ctx.method().name() + " " + route(ctx))) {
            limit(ctx, "sign-in:" + ctx.ip(), config.signInsPerMinutePerAddress(), "password checks from this address");
        }
        if (required == Role.PUBLIC) {
            return;
        }
        Principal principal = server.noAuth() ? noAuth(ctx) : authenticate(ctx);
        ctx.attribute(PRINCIPAL, principal);
        if (principal.via() != Principal.Via.NO_AUTH) {
            limit(ctx, principal.bucket(), config.requestsPerMinutePerKey(), "this key or user");
        }
        if (!principal.role().covers(required)) {
            throw ApiException.forbidden(
                    ctx.method() + " " + route(ctx) + " needs the role " + required.label() + ", but " + who(principal)
                            + " has the role " + principal.role().label());
        }
        if (mutating && principal.via() == Principal.Via.SESSION) {
            if (!Credentials.same(ctx.header(CSRF_HEADER), principal.csrfToken())) {
                throw ApiException.forbidden("a change made with a session cookie needs the " + CSRF_HEADER
                        + " header with the session's token (from POST or GET /api/session)");
            }
        }
    }

    private Principal authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            String key = bearer(authorization);
            if (key == null) {
                throw unauthorized(ctx, "the Authorization header must be 'Bearer KEY'", true);
            }
            return accounts.byApiKey(key, clock.instant())
                    .orElseThrow(
                            () -> unauthorized(ctx, "the API key is not valid (mistyped, revoked or expired)", true));
        }
        String session = ctx.cookie(tls(server) ? TLS_COOKIE : COOKIE);
        if (session != null) {
            return accounts.bySession(session, clock.instant())
                    .orElseThrow(
                            () -> unauthorized(ctx, "the session has ended; sign in again (POST /api/session)", false));
        }
        throw unauthorized(
                ctx, "send 'Authorization: Bearer KEY' or sign in (POST /api/session) for the session cookie", false);
    }

    /** Under {@code --no-auth} (loopback only) everyone is an admin, but only when addressed by a loopback name. */
    private static Principal noAuth(Context ctx) {
        if (!Loopback.isLoopback(ctx.host())) {
            // A web page cannot reach the loopback-only service through a DNS name it controls (DNS rebinding).
            throw ApiException.forbidden("without authentication the service only answers requests addressed to"
                    + " localhost or 127.0.0.1, but this one was addressed to " + ctx.host());
        }
        return Principal.NO_AUTH;
    }

    private void checkMetricsToken(Context ctx) {
        String token = bearer(ctx.header("Authorization"));
        if (!Credentials.same(token, server.metricsToken())) {
            throw unauthorized(
                    ctx, "/metrics needs 'Authorization: Bearer TOKEN' with the metrics token", token != null);
        }
    }

    /**
     * A browser says where a request comes from; a mutation from another site is refused whatever it carries. The
     * origin may match the Host header or, behind a reverse proxy that rewrites Host, the X-Forwarded-Host it sets (a
     * page on another site cannot send that header without a CORS preflight, which this service never grants).
     */
    private static void checkSameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && site.equalsIgnoreCase("cross-site")) {
            throw ApiException.forbidden("changes are not accepted from another site (Sec-Fetch-Site: cross-site)");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("null")) {
            String host;
            try {
                URI uri = URI.create(origin);
                host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            } catch (IllegalArgumentException e) {
                host = null;
            }
            String forwarded = ctx.header("X-Forwarded-Host");
            boolean same = host != null
                    && (host.equalsIgnoreCase(ctx.host())
                            || (forwarded != null && host.equalsIgnoreCase(forwarded.trim())));
            if (!same) {
                throw ApiException.forbidden("changes are not accepted from another origin (" + origin + ")");
            }
        }
    }

    private void limit(Context ctx, String bucket, int perMinute, String what) {
        Duration wait = limiter.take(bucket, perMinute);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            throw ApiException.rateLimited(
                    "more than " + perMinute + " requests a minute from " + what + "; retry in " + seconds + " s");
        }
    }

    /** The audit entry of a mutation, after it was answered: failures (401, 403, 4xx, 5xx) included. */
    private void auditMutation(Context ctx) {
        if (!mutating(ctx.method())) {
            return;
        }
        pruneAudit();
        Principal p = ctx.attribute(PRINCIPAL);
        audit.record(new AuditLog.Entry(
                0,
                clock.instant(),
                ctx.method().name(),
                route(ctx),
                ctx.path(),
                p == null ? null : p.userName(),
                p == null ? null : p.keyId(),
                p == null ? null : p.role().label(),
                ctx.ip(),
                ctx.statusCode(),
                ProblemResponses.correlationId(ctx)));
    }

    /** Deletes audit entries past their retention, at most once a day (and at start). */
    private void pruneAudit() {
        long now = clock.millis();
        long last = lastPruned.get();
        if (now - last >= Duration.ofDays(1).toMillis() && lastPruned.compareAndSet(last, now)) {
            try {
                int deleted = audit.deleteBefore(clock.instant().minus(config.auditRetention()));
                if (deleted > 0) {
                    LOG.info("deleted {} audit entries older than {}", deleted, config.auditRetention());
                }
            } catch (RuntimeException e) {
                LOG.warn("could not prune the audit log: {}", e.toString());
            }
        }
    }

    private static ApiException unauthorized(Context ctx, String detail, boolean badToken) {
        ctx.header(
                "WWW-Authenticate",
                badToken ? "Bearer realm=\"pacer\", error=\"invalid_token\"" : "Bearer realm=\"pacer\"");
        return ApiException.unauthorized(detail);
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 8) {
            return null;
        }
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : null;
    }

    private static String who(Principal p) {
        if (p.keyId() != null) {
            return "the key " + p.keyId() + " of '" + p.userName() + "'";
        }
        return p.userName() == null ? "the caller" : "'" + p.userName() + "'";
    }

    /**
     * The role the matched route was registered with. {@link io.pacer.server.http.Api} registers every route with one
     * (and a HEAD twin of every GET with the GET's); anything else is treated as admin-only, silently, since a log
     * line per request would let any client flood the log.
     */
    private static Role requiredRole(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        for (RouteRole r : roles) {
            if (r instanceof Role role) {
                return role;
            }
        }
        return Role.ADMIN;
    }

    /**
     * Who a request is from, for limits per caller: its API key, else its signed-in user, else (under {@code
     * --no-auth}, or before the access check) its address.
     */
    public static String caller(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        return p == null || p.via() == Principal.Via.NO_AUTH ? "address:" + ctx.ip() : p.bucket();
    }

    /**
     * Who made the request, as the action history records it: the signed-in user, with the key's id when a key was
     * presented, or {@code anonymous (--no-auth)}.
     */
    public static String requester(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null || p.via() == Principal.Via.NO_AUTH || p.userName() == null) {
            return "anonymous (--no-auth)";
        }
        return p.keyId() == null ? p.userName() : p.userName() + " (key " + p.keyId() + ")";
    }

    /** The matched route's template ({@code /api/users/{name}}), or the path when nothing matched. */
    static String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? ctx.path() : endpoint.path;
    }

    /** Whether the server speaks TLS (a keystore is configured). */
    static boolean tls(ServerConfig server) {
        return server.tlsKeystore() != null;
    }

    static boolean mutating(HandlerType method) {
        return method == HandlerType.POST
                || method == HandlerType.PUT
                || method == HandlerType.PATCH
                || method == HandlerType.DELETE;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
