package io.pacer.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets per caller (client address, API key, user), from Bucket4j: in memory for one instance, or in Redis
 * when instances share it, so that a client cannot multiply its budget by spreading requests over instances. Each
 * bucket holds a minute's budget and refills continuously ("greedy"), so bursts up to the budget pass and a steady
 * rate above it does not. When Redis does not answer, requests are let through for a few seconds without asking it
 * again (and that is logged): a rate limit is not worth an outage, nor a timeout on every request.
 */
final class RateLimiter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    /** After the bucket store failed, requests pass without asking it for this long (no timeout per request). */
    private static final long BYPASS_NANOS = Duration.ofSeconds(5).toNanos();

    private static final int MAX_LOCAL_BUCKETS = 100_000;

    private final Function<String, Function<BucketConfiguration, Bucket>> buckets;
    private final AutoCloseable resources;
    private volatile long lastWarning = Long.MIN_VALUE;
    private volatile long bypassUntil = Long.MIN_VALUE;

    private RateLimiter(Function<String, Function<BucketConfiguration, Bucket>> buckets, AutoCloseable resources) {
        this.buckets = buckets;
        this.resources = resources;
    }

    /** Buckets in this process's memory; idle ones are forgotten after two minutes (then they would be full anyway). */
    static RateLimiter inMemory(Clock clock) {
        TimeMeter time = timeOf(clock);
        Cache<String, Bucket> cache = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(2))
                .maximumSize(MAX_LOCAL_BUCKETS)
                .build();
        return new RateLimiter(
                key -> config -> cache.get(
                        key,
                        k -> Bucket.builder()
                                .withCustomTimePrecision(time)
                                .addLimit(config.getBandwidths()[0])
                                .build()),
                () -> {});
    }

    /** Buckets in Redis at {@code uri}, shared by every instance that uses the same Redis. */
    static RateLimiter redis(String uri, Clock clock) {
        TimeMeter time = timeOf(clock);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            StatefulRedisConnection<String, byte[]> connection =
                    client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            ProxyManager<String> proxies = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .clientClock(time)
                    .requestTimeout(Duration.ofSeconds(1))
                    .build();
            return new RateLimiter(key -> config -> proxies.builder().build("pacer:rate:" + key, () -> config), () -> {
                connection.close();
                client.shutdown();
            });
        } catch (RuntimeException e) {
            client.shutdown();
            throw new IllegalStateException("could not connect to Redis at " + uri + " for rate limits: " + e, e);
        }
    }

    /**
     * Takes one token from {@code bucket}, which holds {@code perMinute}.
     *
     * @return zero when the request may proceed, else how long until a token is back
     */
    Duration take(String bucket, int perMinute) {
        BucketConfiguration config = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build();
        if (bypassUntil != Long.MIN_VALUE && System.nanoTime() - bypassUntil < 0) {
            return Duration.ZERO;
        }
        try {
            ConsumptionProbe probe =
                    buckets.apply(bucket + "/" + perMinute).apply(config).tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            bypassUntil = now + BYPASS_NANOS;
            if (lastWarning == Long.MIN_VALUE || now - lastWarning > WARN_EVERY_NANOS) {
                lastWarning = now;
                LOG.warn("rate limits are not enforced: the bucket store did not answer ({})", e.toString());
            }
            return Duration.ZERO;
        }
    }

    private static TimeMeter timeOf(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            LOG.warn("closing the rate-limit store failed: {}", e.toString());
        }
    }
}
