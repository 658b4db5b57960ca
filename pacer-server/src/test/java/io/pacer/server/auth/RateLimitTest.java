package io.pacer.server.auth;

import static io.pacer.server.auth.TestServer.ADMIN_KEY;
import static io.pacer.server.auth.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.embedded.EmbeddedRedis;
import io.pacer.server.SecurityConfig;
import io.pacer.testing.RedisExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Token buckets per address and per key, in memory and shared through Redis, and the 429 they answer with. */
@ExtendWith(RedisExtension.class)
class RateLimitTest {

    @Test
    void aBucketHoldsAMinutesBudgetAndRefillsSteadily() {
        MovableClock clock = new MovableClock();
        try (RateLimiter limiter = RateLimiter.inMemory(clock)) {
            assertBudget(limiter, "a", 3);
            Duration wait = limiter.take("a", 3);
            assertThat(wait).isGreaterThan(Duration.ofSeconds(19)).isLessThanOrEqualTo(Duration.ofSeconds(20));
            assertThat(limiter.take("b", 3))
                    .as("another caller has its own bucket")
                    .isZero();
            clock.advance(Duration.ofSeconds(20));
            assertThat(limiter.take("a", 3)).isZero();
            assertThat(limiter.take("a", 3)).isPositive();
        }
    }

    @Test
    void instancesSharingRedisShareTheBudget(EmbeddedRedis redis) {
        MovableClock clock = new MovableClock();
        try (RateLimiter one = RateLimiter.redis(redis.uri(), clock);
                RateLimiter two = RateLimiter.redis(redis.uri(), clock)) {
            String bucket = "shared-" + System.nanoTime();
            assertThat(one.take(bucket, 4)).isZero();
            assertThat(two.take(bucket, 4)).isZero();
            assertThat(one.take(bucket, 4)).isZero();
            assertThat(two.take(bucket, 4)).isZero();
            assertThat(one.take(bucket, 4))
                    .as("the fifth request, wherever it lands")
                    .isPositive();
            assertThat(two.take(bucket, 4)).isPositive();
            clock.advance(Duration.ofSeconds(15));
            assertThat(two.take(bucket, 4)).isZero();
        }
    }

    @Test
    void whenRedisIsDownRequestsPassRatherThanFail(EmbeddedRedis redis) {
        MovableClock clock = new MovableClock();
        try (RateLimiter limiter = RateLimiter.redis(redis.uri(), clock)) {
            redis.stop();
            try {
                for (int i = 0; i < 5; i++) {
                    assertThat(limiter.take("down", 1)).isZero();
                }
            } finally {
                redis.restart();
            }
        }
    }

    @Test
    void aClientOverItsBudgetGets429WithRetryAfter(@TempDir Path dir) {
        try (TestServer service = TestServer.start(dir, SecurityConfig.DEFAULTS.withRateLimits(3, 1_000, 10))) {
            HttpResponse<String> limited = firstRefused(service, null);
            assertThat(limited.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
            assertThat(json(limited).path("type").asText()).endsWith("/rate-limited");
            assertThat(json(limited).path("detail").asText()).contains("this client address");
        }
    }

    @Test
    void twoServersOnOneRedisShareEachAddresssBudget(EmbeddedRedis redis, @TempDir Path dir) {
        SecurityConfig three = SecurityConfig.DEFAULTS.withRateLimits(3, 1_000, 10);
        try (TestServer one = TestServer.start(
                        TestServer.config(dir.resolve("one"), three).withRedisUrl(redis.uri()));
                TestServer two = TestServer.start(
                        TestServer.config(dir.resolve("two"), three).withRedisUrl(redis.uri()))) {
            int passed = 0;
            for (int i = 0; i < 100; i++) {
                TestServer s = i % 2 == 0 ? one : two;
                if (s.send("GET", "/api/users", ADMIN_KEY, null).statusCode() == 429) {
                    break;
                }
                passed++;
            }
            // Three a minute in all (one more per 20 s that pass), not three on each server.
            assertThat(passed).isBetween(3, 5);
        }
    }

    @Test
    void aKeyOverItsBudgetGets429(@TempDir Path dir) {
        try (TestServer service = TestServer.start(dir, SecurityConfig.DEFAULTS.withRateLimits(100_000, 3, 10))) {
            HttpResponse<String> limited = firstRefused(service, ADMIN_KEY);
            assertThat(json(limited).path("detail").asText()).contains("this key or user");
        }
    }

    @Test
    void signInsAreLimitedPerAddress(@TempDir Path dir) {
        try (TestServer service = TestServer.start(dir, SecurityConfig.DEFAULTS.withRateLimits(100_000, 100_000, 2))) {
            int refused = 0;
            for (int i = 0; i < 20 && refused == 0; i++) {
                if (service.send("POST", "/api/session", null, "{\"key\":\"nonsense\"}")
                                .statusCode()
                        == 429) {
                    refused++;
                }
            }
            assertThat(refused).isEqualTo(1);
        }
    }

    /**
     * Sends requests until one is refused: a budget of 3 a minute refills one token every 20 s, so 100 requests
     * outrun it however slow the machine is.
     */
    private static HttpResponse<String> firstRefused(TestServer service, String key) {
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = service.send("GET", "/api/users", key, null);
            if (r.statusCode() == 429) {
                assertThat(i).as("requests that passed first").isGreaterThanOrEqualTo(3);
                return r;
            }
        }
        throw new AssertionError("no request was refused");
    }

    private static void assertBudget(RateLimiter limiter, String bucket, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(limiter.take(bucket, n)).as("request " + (i + 1)).isZero();
        }
    }
}
