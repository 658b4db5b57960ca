package io.pacer.cli.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.pacer.analysis.FindingKinds;
import io.pacer.tune.Tunable;
import io.pacer.tune.Tunables;
import io.pacer.tune.TunablesDirectory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The eight faults of {@code bench/diagnose.sh}, each done the way it happens in production: a CPU hog, a heap that
 * leaks, a slow consumer, a sink outage, Redis evicting under a too-small {@code maxmemory}, a query load on a table
 * without the index it needs, a batch size too small for the rate, and a connection pool capped below its callers.
 */
final class Faults {

    /** The pool the pool-cap fault runs, as its meters and tunables name it. */
    static final String POOL = "orders-db";

    private Faults() {}

    static List<Fault> all(Demo demo, AtomicReference<Phase> phase, String jdbcUrl, Duration length) {
        return List.of(
                new CpuHog(),
                new MemoryLeak(length),
                new PhaseFault("slow-consumer", FindingKinds.LAG_GROWTH, Phase.SLOW_CONSUMER, phase),
                new PhaseFault("sink-outage", FindingKinds.SINK_OUTAGE, Phase.SINK_OUTAGE, phase),
                new RedisEvictions(demo.redisAddress()),
                new MissingIndex(jdbcUrl),
                new SmallBatch(),
                new PoolCap(jdbcUrl, demo.pipelineRegistry()));
    }

    /** Threads that run until cleared; each loop body checks {@link #running}. */
    abstract static class Threads implements Fault {
        private final List<Thread> threads = new ArrayList<>();
        volatile boolean running;

        void start(int count, Runnable body) {
            running = true;
            for (int i = 0; i < count; i++) {
                Thread t = new Thread(body, "pacer-diagnose-" + name() + "-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
            threads.clear();
        }
    }

    /** Every core busy with arithmetic, twice over. */
    static final class CpuHog extends Threads {
        static volatile double sink;

        @Override
        public String name() {
            return "cpu-hog";
        }

        @Override
        public String expectedKind() {
            return FindingKinds.CPU_SATURATION;
        }

        @Override
        public void inject() {
            start(2 * Runtime.getRuntime().availableProcessors(), () -> {
                double x = 1;
                while (running) {
                    for (int i = 0; i < 100_000; i++) {
                        x = Math.sqrt(x + i) * 1.000001;
                    }
                    sink = x;
                }
            });
        }

        @Override
        public void clear() throws InterruptedException {
            stop();
        }
    }

    /**
     * Retains a slice of heap every 100 ms so that 40 % of the maximum heap is held when the fault ends, while
     * allocating garbage at about 20 MB/s as a working application does (so the collector runs and the heap's floor,
     * its low point after each collection, shows the leak).
     */
    static final class MemoryLeak extends Threads {
        static volatile Object garbage;
        private final List<byte[]> retained = new ArrayList<>();
        private final Duration length;

        MemoryLeak(Duration length) {
            this.length = length;
        }

        @Override
        public String name() {
            return "memory-leak";
        }

        @Override
        public String expectedKind() {
            return FindingKinds.HEAP_LEAK;
        }

        @Override
        public void inject() {
            long ticks = Math.max(1, length.toMillis() / 100);
            int slice = (int)
                    Math.min(Integer.MAX_VALUE - 8, (long) (Runtime.getRuntime().maxMemory() * 0.4) / ticks);
            start(1, () -> {
                try {
                    for (long tick = 0; running; tick++) {
                        if (tick < ticks) {
                            synchronized (retained) {
                                retained.add(new byte[slice]);
                            }
                        }
                        for (int i = 0; i < 32; i++) {
                            garbage = new byte[64 * 1024];
                        }
                        TimeUnit.MILLISECONDS.sleep(100); // the leak's pace
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void clear() throws InterruptedException {
            stop();
            synchronized (retained) {
                retained.clear();
            }
            System.gc();
        }
    }

    /** A fault of the demo's own schedule (sink outage, slow consumer), switched on for as long as it lasts. */
    record PhaseFault(String name, String expectedKind, Phase phase, AtomicReference<Phase> current) implements Fault {
        @Override
        public void inject() {
            current.set(phase);
        }

        @Override
        public void clear() {
            current.set(Phase.CALM);
        }
    }

    /** {@code maxmemory} cut to 2 MB with LRU eviction while a writer fills Redis at about 1,000 keys/s. */
    static final class RedisEvictions extends Threads {
        private final String address;
        private RedisClient client;
        private StatefulRedisConnection<String, String> connection;
        private String maxmemory;
        private String policy;

        RedisEvictions(String address) {
            this.address = address;
        }

        @Override
        public String name() {
            return "redis-evictions";
        }

        @Override
        public String expectedKind() {
            return FindingKinds.REDIS_EVICTIONS;
        }

        @Override
        public void inject() {
            client = RedisClient.create(RedisURI.create("redis://" + address));
            connection = client.connect();
            RedisCommands<String, String> redis = connection.sync();
            maxmemory = redis.configGet("maxmemory").get("maxmemory");
            policy = redis.configGet("maxmemory-policy").get("maxmemory-policy");
            // One parameter a call: Redis before 7 sets only one at a time.
            redis.configSet("maxmemory-policy", "allkeys-lru");
            redis.configSet("maxmemory", "2mb");
            String value = "x".repeat(1024);
            start(1, () -> {
                try (StatefulRedisConnection<String, String> writer = client.connect()) {
                    long i = 0;
                    while (running) {
                        writer.sync().set("diagnose:" + (i++ % 200_000), value);
                        if (i % 10 == 0) {
                            TimeUnit.MILLISECONDS.sleep(10); // the writer's pace: about 1,000 keys/s
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void clear() throws InterruptedException {
            stop();
            if (connection != null) {
                connection.sync().configSet("maxmemory", maxmemory);
                connection.sync().configSet("maxmemory-policy", policy);
                connection.sync().flushdb();
                connection.close();
                client.shutdown();
                connection = null;
            }
        }
    }

    /** Two clients querying a 300,000-row table by a column without an index, each query a sequential scan. */
    static final class MissingIndex extends Threads {
        static final String TABLE = "diagnose_orders";
        private final String jdbcUrl;

        MissingIndex(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
        }

        @Override
        public String name() {
            return "missing-index";
        }

        @Override
        public String expectedKind() {
            return FindingKinds.POSTGRES_MISSING_INDEX;
        }

        @Override
        public void inject() throws SQLException {
            try (Connection c = DriverManager.getConnection(jdbcUrl);
                    Statement s = c.createStatement()) {
                s.execute(
                        "CREATE TABLE IF NOT EXISTS " + TABLE + " (id bigserial PRIMARY KEY, customer_id int NOT NULL,"
                                + " amount numeric(10,2) NOT NULL, created timestamptz NOT NULL DEFAULT now())");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        s.execute("INSERT INTO " + TABLE + " (customer_id, amount) SELECT (random() * 50000)::int,"
                                + " (random() * 1000)::numeric(10,2) FROM generate_series(1, 300000)");
                    }
                }
                s.execute("ANALYZE " + TABLE);
            }
            start(2, () -> {
                try (Connection c = DriverManager.getConnection(jdbcUrl);
                        PreparedStatement q = c.prepareStatement(
                                "SELECT count(*), sum(amount) FROM " + TABLE + " WHERE customer_id = ?")) {
                    while (running) {
                        q.setInt(1, ThreadLocalRandom.current().nextInt(50_000));
                        try (ResultSet rs = q.executeQuery()) {
                            rs.next();
                        }
                    }
                } catch (SQLException e) {
                    System.err.println("missing-index query load stopped: " + e.getMessage());
                }
            });
        }

        @Override
        public void clear() throws InterruptedException, SQLException {
            stop();
            try (Connection c = DriverManager.getConnection(jdbcUrl);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = '" + TABLE
                            + "' AND indexname <> '" + TABLE + "_pkey'")) {
                List<String> created = new ArrayList<>();
                while (rs.next()) {
                    created.add(rs.getString(1));
                }
                for (String index : created) {
                    try (Statement drop = c.createStatement()) {
                        drop.execute("DROP INDEX IF EXISTS \"" + index + "\"");
                    }
                }
            }
        }
    }

    /** The demo batcher cut to 2 events a batch while the load runs at 100–300 events/s. */
    static final class SmallBatch implements Fault {
        private static final String MAX_EVENTS = "batcher." + Pipeline.BATCHER + ".batch.maxEvents";
        private static final String LINGER = "batcher." + Pipeline.BATCHER + ".batch.linger";
        private Object maxEvents;
        private Object linger;

        @Override
        public String name() {
            return "small-batch";
        }

        @Override
        public String expectedKind() {
            return FindingKinds.PRODUCER_BATCHING;
        }

        @Override
        public void inject() {
            TunablesDirectory tunables = TunablesDirectory.global();
            maxEvents = tunables.get(MAX_EVENTS);
            linger = tunables.get(LINGER);
            tunables.set(MAX_EVENTS, 2, "diagnose");
        }

        @Override
        public void clear() {
            if (maxEvents != null) {
                TunablesDirectory.global().set(MAX_EVENTS, maxEvents, "diagnose");
                TunablesDirectory.global().set(LINGER, linger, "diagnose");
                maxEvents = null;
            }
        }
    }

    /**
     * A HikariCP pool of 2 connections serving 8 callers that each hold a connection for 50 ms: callers queue for
     * connections. Its meters go to the pipeline's registry (the service scrapes them) and its size is a tunable the
     * agent exposes, {@code pool.orders-db.maximumPoolSize}, as an application would register it.
     */
    static final class PoolCap extends Threads {
        private final String jdbcUrl;
        private final MeterRegistry registry;
        private HikariDataSource pool;
        private Tunables tunables;

        PoolCap(String jdbcUrl, MeterRegistry registry) {
            this.jdbcUrl = jdbcUrl;
            this.registry = registry;
        }

        @Override
        public String name() {
            return "pool-cap";
        }

        @Override
        public String expectedKind() {
            return FindingKinds.POOL_EXHAUSTED;
        }

        @Override
        public void inject() {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setPoolName(POOL);
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(2);
            config.setConnectionTimeout(30_000);
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
            pool = new HikariDataSource(config);
            tunables = TunablesDirectory.global().register("pool", POOL);
            tunables.register(
                    Tunable.ofInt("maximumPoolSize", 1, 64, "connections the pool may open"),
                    2,
                    size -> pool.getHikariConfigMXBean().setMaximumPoolSize(size));
            start(8, () -> {
                while (running) {
                    try (Connection c = pool.getConnection();
                            Statement s = c.createStatement()) {
                        s.execute("SELECT pg_sleep(0.05)");
                    } catch (SQLException e) {
                        if (running) {
                            System.err.println("pool-cap caller: " + e.getMessage());
                        }
                    }
                }
            });
        }

        @Override
        public void clear() throws InterruptedException {
            stop();
            if (tunables != null) {
                TunablesDirectory.global().unregister(tunables);
                tunables = null;
            }
            if (pool != null) {
                pool.close();
                pool = null;
            }
        }
    }
}
