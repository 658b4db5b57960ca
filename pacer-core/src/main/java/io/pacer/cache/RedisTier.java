package io.pacer.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.pacer.breaker.BreakerTransitions;
import io.pacer.breaker.Breakers;
import io.pacer.time.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's Redis: one multiplexed connection, every call behind the breaker and bounded by the L2 timeout.
 * Nothing here throws to the caller: a call the breaker refuses, that fails, or that does not answer in time
 * yields {@link Lookup#UNAVAILABLE} (reads) or is dropped (writes), and is counted.
 *
 * <p>Notes: reads are awaited by the caller for at most the timeout, then cancelled. Writes (SET, DEL,
 * PUBLISH, unlock) are sent without waiting; their outcome reaches the breaker when Redis answers, and one slower
 * than the timeout counts as a timeout. They share the connection with the reads, so Redis applies a caller's
 * commands in the order it issued them (a DEL is seen by the caller's next GET). While disconnected, Lettuce
 * rejects commands at once (nothing queues up) and reconnects in the background, 10 ms to 1 s apart; a
 * backstop timeout fails any command Redis never answers. The breaker opens after {@code failureThreshold}
 * consecutive failed or slow calls; state changes are noticed after each call ({@link BreakerTransitions}),
 * without Resilience4j event consumers.
 */
final class RedisTier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TieredCache.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration BACKSTOP_TIMEOUT = L2Settings.MAX_TIMEOUT.multipliedBy(2);
    private static final int SCAN_PAGE = 500;
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** GET the value; if there is none, take the lock (SET NX PX) — atomically, in one round trip. */
    private static final String GET_OR_LOCK = """
            local v = redis.call('GET', KEYS[1])
            if v then return {1, v} end
            if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {2} end
            return {3}""";
    /** Deletes the lock only if this instance still holds it (it may have expired and been taken since). */
    private static final String UNLOCK = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    private static final Object FAILED = new Object();

    /** What a read found. */
    enum Status {
        HIT,
        MISS,
        LOCKED,
        BUSY,
        UNAVAILABLE
    }

    /**
     * @param status HIT (value set), MISS, LOCKED (no value; this instance now holds the load lock), BUSY (no
     *     value; another instance holds the lock), UNAVAILABLE (Redis did not answer, or the breaker is open)
     */
    record Lookup(Status status, byte[] value) {
        static final Lookup MISS = new Lookup(Status.MISS, null);
        static final Lookup LOCKED = new Lookup(Status.LOCKED, null);
        static final Lookup BUSY = new Lookup(Status.BUSY, null);
        static final Lookup UNAVAILABLE = new Lookup(Status.UNAVAILABLE, null);
    }

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisAsyncCommands<String, byte[]> commands;
    private final CircuitBreaker breaker;
    private final BreakerTransitions transitions;
    private final CacheStats stats;
    private final Ticker ticker;
    private final String cacheName;
    private volatile CircuitBreaker.State seen;
    private volatile long timeoutNanos;

    /**
     * Connects now, so a wrong address fails at startup; later outages are absorbed.
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    RedisTier(String uri, String cacheName, L2Settings settings, Ticker ticker, CacheStats stats) {
        this.cacheName = cacheName;
        this.ticker = ticker;
        this.stats = stats;
        this.timeoutNanos = settings.timeout().toNanos();
        this.breaker = Breakers.create("cache-" + cacheName, settings.breakerPolicy(), ticker);
        this.seen = breaker.getState();
        this.transitions = new BreakerTransitions(breaker, this::onTransition);
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(1)
                .computationThreadPoolSize(1)
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, RedisURI.create(uri));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(
                        SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(BACKSTOP_TIMEOUT))
                .build());
        try {
            this.connection = client.connect(CODEC);
        } catch (RuntimeException failure) {
            shutdownClient();
            throw failure;
        }
        this.commands = connection.async();
    }

    /** The client, for the invalidation subscription's own connection. */
    RedisClient client() {
        return client;
    }

    void setTimeout(Duration timeout) {
        timeoutNanos = timeout.toNanos();
    }

    String breakerState() {
        return breaker.getState().name();
    }

    Lookup get(String key) {
        long start = ticker.nanos();
        Object reply = call(c -> c.get(key));
        if (reply == FAILED) {
            return Lookup.UNAVAILABLE;
        }
        stats.l2Read.record(ticker.nanos() - start);
        if (reply == null) {
            stats.l2Misses.increment();
            return Lookup.MISS;
        }
        stats.l2Hits.increment();
        return new Lookup(Status.HIT, (byte[]) reply);
    }

    /** The value of {@code key}, else the lock {@code lockKey} for {@code token} if free: HIT, LOCKED, BUSY or UNAVAILABLE. */
    Lookup getOrLock(String key, String lockKey, byte[] token, long lockTtlMillis) {
        String[] keys = {key, lockKey};
        byte[] ttl = Long.toString(lockTtlMillis).getBytes(StandardCharsets.US_ASCII);
        Object reply = call(c -> c.eval(GET_OR_LOCK, ScriptOutputType.MULTI, keys, token, ttl));
        if (reply == FAILED) {
            return Lookup.UNAVAILABLE;
        }
        List<?> answer = (List<?>) reply;
        long code = (Long) answer.get(0);
        if (code == 1) {
            return new Lookup(Status.HIT, (byte[]) answer.get(1));
        }
        return code == 2 ? Lookup.LOCKED : Lookup.BUSY;
    }

    void set(String key, byte[] value, long ttlMillis) {
        send(c -> c.set(key, value, SetArgs.Builder.px(ttlMillis)));
    }

    void unlock(String lockKey, byte[] token) {
        String[] keys = {lockKey};
        send(c -> c.eval(UNLOCK, ScriptOutputType.INTEGER, keys, token));
    }

    void delete(String key) {
        send(c -> c.unlink(key));
    }

    void publish(String channel, byte[] message) {
        send(c -> c.publish(channel, message));
    }

    /**
     * Deletes every key matching {@code pattern}, a page of SCAN at a time (each page bounded by the timeout).
     *
     * @return false when Redis stopped answering before the scan finished
     */
    boolean deleteMatching(String pattern) {
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(SCAN_PAGE);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            Object reply = call(c -> c.scan(from, args));
            if (reply == FAILED) {
                return false;
            }
            @SuppressWarnings("unchecked")
            KeyScanCursor<String> page = (KeyScanCursor<String>) reply;
            if (!page.getKeys().isEmpty()) {
                String[] keys = page.getKeys().toArray(new String[0]);
                send(c -> c.unlink(keys));
            }
            cursor = page;
        } while (!cursor.isFinished());
        return true;
    }

    /** One awaited call under the breaker and the timeout: its reply (null for nil), or FAILED. */
    private Object call(Function<RedisAsyncCommands<String, byte[]>, RedisFuture<?>> command) {
        if (!permitted()) {
            return FAILED;
        }
        long start = ticker.nanos();
        RedisFuture<?> future = null;
        try {
            future = command.apply(commands);
            Object reply = future.get(timeoutNanos, TimeUnit.NANOSECONDS);
            breaker.onSuccess(ticker.nanos() - start, TimeUnit.NANOSECONDS);
            return reply;
        } catch (TimeoutException e) {
            future.cancel(false);
            failed(start, e);
        } catch (ExecutionException e) {
            failed(start, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            breaker.releasePermission();
        } catch (RuntimeException e) {
            failed(start, e);
        } finally {
            watch();
        }
        return FAILED;
    }

    /** One call sent without waiting; its outcome reaches the breaker when Redis answers. */
    private void send(Function<RedisAsyncCommands<String, byte[]>, RedisFuture<?>> command) {
        if (!permitted()) {
            return;
        }
        long start = ticker.nanos();
        try {
            command.apply(commands).whenComplete((reply, failure) -> {
                long took = ticker.nanos() - start;
                if (failure != null) {
                    failed(start, failure);
                } else if (took > timeoutNanos) {
                    failed(start, new TimeoutException("answered in " + took / 1000 + " µs, over the L2 timeout"));
                } else {
                    breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                }
                watch();
            });
        } catch (RuntimeException e) {
            failed(start, e);
            watch();
        }
    }

    private boolean permitted() {
        boolean permitted = breaker.tryAcquirePermission();
        watch(); // OPEN -> HALF_OPEN happens here
        if (!permitted) {
            stats.l2Skipped.increment();
        }
        return permitted;
    }

    private void failed(long start, Throwable failure) {
        if (failure instanceof TimeoutException || failure instanceof RedisCommandTimeoutException) {
            stats.l2Timeouts.increment();
        } else {
            stats.l2Errors.increment();
        }
        breaker.onError(ticker.nanos() - start, TimeUnit.NANOSECONDS, failure);
    }

    /** Cheap when nothing changed (one volatile read); the transition bookkeeping is for one thread at a time. */
    private void watch() {
        if (breaker.getState() != seen) {
            synchronized (transitions) {
                transitions.check();
            }
        }
    }

    private void onTransition(CircuitBreaker.State from, CircuitBreaker.State to) {
        seen = to;
        if (to == CircuitBreaker.State.OPEN) {
            stats.breakerTrips.increment();
            LOG.warn("cache {}: Redis breaker {} -> OPEN, serving from L1 and the loader", cacheName, from);
        } else {
            LOG.info("cache {}: Redis breaker {} -> {}", cacheName, from, to);
        }
    }

    @Override
    public void close() {
        connection.close();
        shutdownClient();
    }

    private void shutdownClient() {
        client.shutdown();
        resources.shutdown();
    }
}
