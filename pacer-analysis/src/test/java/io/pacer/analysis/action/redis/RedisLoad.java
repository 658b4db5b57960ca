package io.pacer.analysis.action.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.monitor.Collector;
import io.pacer.monitor.collect.Collectors;
import io.pacer.monitor.collect.HostPort;
import io.pacer.monitor.store.MetricStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A small write load on a real Redis, measured by the monitor's real Redis collector into a real store: each step
 * writes {@link #KEYS_PER_STEP} new 1 KiB values, then collects at the step's (injected) instant — so a test lays
 * out minutes of history in a moment, with no sleeping, and what the store holds is what Redis really did.
 */
final class RedisLoad implements AutoCloseable {

    static final int KEYS_PER_STEP = 200;
    static final Duration STEP = Duration.ofSeconds(5);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final Collector collector;
    private final MetricStore store;
    private final String value = "x".repeat(1024);
    private long next;

    RedisLoad(EmbeddedRedis redis, MetricStore store) {
        this.client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
        this.connection = client.connect();
        this.collector = Collectors.redis(new HostPort(redis.host(), redis.port()), STEP);
        this.store = store;
    }

    RedisCommands<String, String> commands() {
        return connection.sync();
    }

    /** {@code steps} steps from {@code start}; returns the instant after the last one. */
    Instant run(Instant start, int steps) throws Exception {
        Instant t = start;
        for (int i = 0; i < steps; i++) {
            Map<String, String> batch = new HashMap<>();
            for (int k = 0; k < KEYS_PER_STEP; k++) {
                batch.put("load:" + next++, value);
            }
            commands().mset(batch);
            store.write(collector.collect(t));
            t = t.plus(STEP);
        }
        store.flush();
        return t;
    }

    /** A field of {@code INFO}, e.g. {@code used_memory}. */
    long info(String field) {
        for (String line : commands().info().split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).strip());
            }
        }
        throw new AssertionError("INFO has no " + field);
    }

    String config(String parameter) {
        return commands().configGet(parameter).get(parameter);
    }

    @Override
    public void close() throws Exception {
        collector.close();
        connection.close();
        client.shutdown();
    }
}
