package io.pacer.server;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How one {@code pacer serve} instance protects itself: rate limits, request size, sessions, the first admin key and
 * how long the audit log is kept (TLS and the Redis that shares rate limits are {@link ServerConfig}'s). Credentials
 * themselves (users, keys) live in the state database; only what an operator sets at start-up is here.
 *
 * @param requestsPerMinutePerAddress requests one client address may make per minute, every route counted
 * @param requestsPerMinutePerKey requests one API key or signed-in user may make per minute
 * @param signInsPerMinutePerAddress sign-in attempts one client address may make per minute (slows password guessing)
 * @param maxRequestBytes the largest request body accepted; larger ones get 413
 * @param sessionTtl how long a dashboard session lasts after sign-in
 * @param adminKey the admin API key to create on first start (when there are no users) instead of generating and
 *     printing one; null to generate. Ignored once users exist.
 * @param auditRetention how long audit entries are kept; older ones are deleted at start and then once a day
 */
public record SecurityConfig(
        int requestsPerMinutePerAddress,
        int requestsPerMinutePerKey,
        int signInsPerMinutePerAddress,
        long maxRequestBytes,
        Duration sessionTtl,
        String adminKey,
        Duration auditRetention) {

    /** Ten requests a second on average from one address, in bursts of up to 600. */
    public static final int DEFAULT_REQUESTS_PER_MINUTE_PER_ADDRESS = 600;
    /** Twenty a second per key: a CI job uploading runs or a script polling never comes near it. */
    public static final int DEFAULT_REQUESTS_PER_MINUTE_PER_KEY = 1_200;
    /** Ten password or key sign-ins per minute per address. */
    public static final int DEFAULT_SIGN_INS_PER_MINUTE_PER_ADDRESS = 10;
    /** 16 MiB: the largest run or suite result a CI job uploads is a few MiB. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    /** A working day. */
    public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(12);
    /** Over a year, so that a yearly review finds the whole year. */
    public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(400);

    /** The defaults. */
    public static final SecurityConfig DEFAULTS = new SecurityConfig(
            DEFAULT_REQUESTS_PER_MINUTE_PER_ADDRESS,
            DEFAULT_REQUESTS_PER_MINUTE_PER_KEY,
            DEFAULT_SIGN_INS_PER_MINUTE_PER_ADDRESS,
            DEFAULT_MAX_REQUEST_BYTES,
            DEFAULT_SESSION_TTL,
            null,
            DEFAULT_AUDIT_RETENTION);

    /** What an API key looks like: {@code pacer_} and 43 base64url characters (256 random bits). */
    public static final Pattern API_KEY = Pattern.compile("pacer_[A-Za-z0-9_-]{43}");

    public SecurityConfig {
        Check.range("requestsPerMinutePerAddress", requestsPerMinutePerAddress, 1, 100_000_000);
        Check.range("requestsPerMinutePerKey", requestsPerMinutePerKey, 1, 100_000_000);
        Check.range("signInsPerMinutePerAddress", signInsPerMinutePerAddress, 1, 100_000_000);
        Check.range("maxRequestBytes", maxRequestBytes, 1024, 1L << 30);
        Check.duration("sessionTtl", sessionTtl, Duration.ofMinutes(1), Duration.ofDays(30));
        Check.duration("auditRetention", auditRetention, Duration.ofDays(1), Duration.ofDays(36_500));
        Check.that(
                adminKey == null || API_KEY.matcher(adminKey).matches(),
                "adminKey",
                "pacer_ followed by 43 base64url characters (make one with: echo pacer_$(openssl rand 32 | basenc"
                        + " --base64url | tr -d =))",
                adminKey == null ? null : "<" + adminKey.length() + " characters, not shown>");
    }

    public SecurityConfig withRateLimits(int perAddress, int perKey, int signIns) {
        return new SecurityConfig(perAddress, perKey, signIns, maxRequestBytes, sessionTtl, adminKey, auditRetention);
    }

    public SecurityConfig withAdminKey(String key) {
        return new SecurityConfig(
                requestsPerMinutePerAddress,
                requestsPerMinutePerKey,
                signInsPerMinutePerAddress,
                maxRequestBytes,
                sessionTtl,
                key,
                auditRetention);
    }

    public SecurityConfig withAuditRetention(Duration retention) {
        return new SecurityConfig(
                requestsPerMinutePerAddress,
                requestsPerMinutePerKey,
                signInsPerMinutePerAddress,
                maxRequestBytes,
                sessionTtl,
                adminKey,
                retention);
    }

    @Override
    public String toString() {
        return "SecurityConfig[perAddress=" + requestsPerMinutePerAddress
                + "/min, perKey=" + requestsPerMinutePerKey + "/min, signIns=" + signInsPerMinutePerAddress
                + "/min, maxRequestBytes=" + maxRequestBytes + ", sessionTtl=" + sessionTtl + ", auditRetention="
                + auditRetention + "]";
    }
}
