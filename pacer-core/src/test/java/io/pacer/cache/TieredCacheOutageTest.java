package io.pacer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.testing.Await;
import io.pacer.testing.RedisExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis taken away under a working cache — stopped and restarted on the same port, or paused so that it answers
 * nothing — while callers keep calling: no caller sees an error, no call takes longer than a bound, the breaker
 * opens, and once Redis is back the cache uses it again by itself (values, and the invalidation subscription).
 *
 * <p>Timing: the L2 timeout is 20 ms and a call may make two awaited Redis reads before the breaker opens, so a
 * call costs at most about 40 ms plus the loader (instant here). The asserted bound is 250 ms, generous because
 * this machine is shared by several builds. Callers are paced (5 ms apart) so that the outage spans many calls and
 * the breaker's half-open trials (every 200 ms) happen during it.
 */
@ExtendWith(RedisExtension.class)
@Timeout(120)
class TieredCacheOutageTest {
    private static final L2Settings L2 =
            L2Settings.ofDefaults().withTimeout(Duration.ofMillis(20)).withBreaker(3, Duration.ofMillis(200));
    private static final long BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final Duration OUTAGE = Duration.ofMillis(1500);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final EmbeddedRedis redis;

    TieredCacheOutageTest(EmbeddedRedis redis) {
        this.redis = redis;
    }

    private TieredCache<String, String> instance(String name) {
        return TieredCache.<String, String>builder(name, String.class)
                .redis(redis.uri())
                .codec(ValueCodecs.utf8())
                .l1(L1Settings.ofDefaults().withTtl(Duration.ofMinutes(10)))
                .l2(L2)
                .loader(key -> "value-" + key)
                .build();
    }

    @Test
    void redisStoppedAndRestartedMidTest() {
        try (TieredCache<String, String> cache = instance("outage");
                TieredCache<String, String> other = instance("outage")) {
            assertThat(cache.get("before")).isEqualTo("value-before");

            redis.stop();
            long worst = callThrough(cache, "down-");
            assertThat(cache.get("before")).as("still served from L1").isEqualTo("value-before");
            CacheSnapshot down = cache.snapshot();
            assertThat(worst).as("slowest call while Redis was down, ns").isLessThan(BOUND_NANOS);
            assertThat(down.breakerTrips())
                    .as("opened, and again after failed half-open trials")
                    .isGreaterThanOrEqualTo(2);
            assertThat(down.l2Skipped())
                    .as("calls that skipped Redis while the breaker was open")
                    .isPositive();
            assertThat(down.l2Errors() + down.l2Timeouts()).isGreaterThanOrEqualTo(3);

            redis.restart();
            AtomicInteger probe = new AtomicInteger();
            Await.until(WAIT, "the breaker closes again once Redis is back", () -> {
                cache.get("probe-" + probe.incrementAndGet());
                return cache.snapshot().breakerState().equals("CLOSED");
            });
            cache.put("after", "written-after-restart");
            Await.until(
                    WAIT,
                    "the other instance reads the put from Redis",
                    () -> "written-after-restart".equals(other.getIfPresent("after")));
            long received = other.snapshot().invalidationsReceived();
            Await.until(WAIT, "the other instance receives broadcasts again (subscription restored)", () -> {
                cache.invalidate("after");
                return other.snapshot().invalidationsReceived() > received;
            });
        }
    }

    @Test
    void redisThatAnswersNothingCostsAtMostTheTimeoutUntilTheBreakerOpens() {
        try (TieredCache<String, String> cache = instance("paused");
                RedisClient client = RedisClient.create(redis.uri());
                StatefulRedisConnection<String, String> raw = client.connect()) {
            assertThat(cache.get("before")).isEqualTo("value-before");

            raw.sync().clientPause(OUTAGE.toMillis() + 500); // Redis accepts commands but answers none
            long worst = callThrough(cache, "paused-");
            CacheSnapshot slow = cache.snapshot();
            assertThat(worst).as("slowest call while Redis was paused, ns").isLessThan(BOUND_NANOS);
            assertThat(slow.l2Timeouts()).isGreaterThanOrEqualTo(3);
            assertThat(slow.breakerTrips()).isGreaterThanOrEqualTo(1);
            assertThat(slow.l2Skipped()).isPositive();

            assertThat(raw.sync().ping())
                    .as("the pause is over (the next test needs Redis)")
                    .isEqualTo("PONG");
        }
    }

    /** Calls {@code get} on new keys, 5 ms apart, for {@link #OUTAGE}; checks every value; returns the slowest call. */
    private static long callThrough(TieredCache<String, String> cache, String keyPrefix) {
        long worst = 0;
        long end = System.nanoTime() + OUTAGE.toNanos();
        for (int i = 0; System.nanoTime() - end < 0; i++) {
            String key = keyPrefix + i;
            long start = System.nanoTime();
            String value = cache.get(key);
            worst = Math.max(worst, System.nanoTime() - start);
            assertThat(value).isEqualTo("value-" + key);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return worst;
    }
}
