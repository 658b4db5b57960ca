package io.pacer.cli.demo;

import io.pacer.analysis.action.ActionsConfig;
import io.pacer.analysis.action.Verification;
import io.pacer.batch.Batcher;
import io.pacer.embedded.EmbeddedKafka;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.internal.Check;
import io.pacer.kafka.KafkaConnection;
import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.TopicSpec;
import io.pacer.monitor.collect.HostPort;
import io.pacer.monitor.collect.TargetsConfig;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.OptimizationConfig;
import io.pacer.server.PacerServer;
import io.pacer.server.SecurityConfig;
import io.pacer.server.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code pacer demo}: everything Pacer does, at once, on one machine. An embedded Kafka broker; a sample pipeline
 * built on Pacer's library ({@link Pipeline}: tiered cache, batcher with breaker and spool, Kafka sink, meters on a
 * loopback port); a consumer group; load that follows a sine, with faults injected on a schedule
 * ({@link DemoSchedule}); and the service ({@link PacerServer}) collecting the pipeline's meters, the group's lag, the
 * host and its own JVM, with the dashboard. {@link #stop} stops it in order — load, pipeline (drained), consumer,
 * service, Redis, broker — and says whether every accepted event arrived.
 */
public final class Demo implements AutoCloseable {
    /** The topic the pipeline writes and the group reads. */
    public static final String TOPIC = "demo-events";

    static final int PARTITIONS = 3;
    /** How long the consumer gets, at stop, to read what the pipeline delivered. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    /**
     * How the demo runs.
     *
     * @param port the service's port (0: any free one)
     * @param dataDir where the spool and the service's store live
     * @param schedule the faults' timing and the load's rate
     * @param interval how often the service collects (the lag window is ten of these)
     * @param phases the phase for an elapsed time: {@code schedule::phaseAt}, or a test's own script
     */
    public record Options(
            int port,
            Path dataDir,
            DemoSchedule schedule,
            Duration interval,
            Function<Duration, Phase> phases,
            Duration verifyWindow) {
        /** Collecting every 2 s at speed 1 keeps the lag window (10 collections) inside the 30 s slow phase. */
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

        public Options {
            Check.range("port", port, 0, 65_535);
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(schedule, "schedule");
            Check.duration("interval", interval, Duration.ofMillis(100), Duration.ofMinutes(1));
            Objects.requireNonNull(phases, "phases");
            Check.duration("verifyWindow", verifyWindow, Duration.ofSeconds(1), Duration.ofDays(1));
        }

        /** The service's default verification window for applied actions ({@link Verification#DEFAULT_WINDOW}). */
        public Options(
                int port, Path dataDir, DemoSchedule schedule, Duration interval, Function<Duration, Phase> phases) {
            this(port, dataDir, schedule, interval, phases, Verification.DEFAULT_WINDOW);
        }

        /** The default schedule and interval divided by {@code speed} (1..8), on {@code port}. */
        public static Options of(int port, Path dataDir, double speed) {
            DemoSchedule schedule = DemoSchedule.ofSpeed(speed);
            Duration interval = DemoSchedule.scaled(DEFAULT_INTERVAL, speed);
            if (interval.compareTo(Duration.ofMillis(100)) < 0) {
                interval = Duration.ofMillis(100);
            }
            return new Options(port, dataDir, schedule, interval, schedule::phaseAt);
        }
    }

    /**
     * What the demo did, at its stop.
     *
     * @param accepted events the batcher accepted
     * @param delivered events the batcher delivered to Kafka
     * @param consumed distinct events the consumer group read
     * @param undelivered events left in memory or in the spool when the pipeline stopped
     */
    public record Summary(long accepted, long delivered, long consumed, long undelivered) {
        /** Every accepted event was delivered and read. */
        public boolean lossless() {
            return undelivered == 0 && delivered >= accepted && consumed == accepted;
        }
    }

    private final Consumer<String> say;
    private EmbeddedKafka kafka;
    private EmbeddedRedis redis;
    private Pipeline pipeline;
    private DemoConsumer consumer;
    private LoadGenerator load;
    private PacerServer server;
    private Summary summary;
    private URI base;
    private String signInKey;

    private Demo(Consumer<String> say) {
        this.say = say;
    }

    /**
     * Starts everything; {@code say} hears one line per step and per phase change.
     *
     * @throws IllegalStateException when a part cannot start (everything started is stopped again)
     */
    public static Demo start(Options options, Consumer<String> say) {
        Demo demo = new Demo(say);
        try {
            demo.startParts(options);
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private void startParts(Options options) {
        say.accept("starting the embedded Kafka broker");
        kafka = EmbeddedKafka.start();
        String bootstrap = kafka.bootstrapServers();
        try (KafkaSetup setup = KafkaSetup.connect(KafkaConnection.of(bootstrap).withTimeout(Duration.ofSeconds(30)))) {
            setup.ensureTopic(TopicSpec.of(TOPIC, PARTITIONS));
        }
        try {
            redis = EmbeddedRedis.start();
        } catch (IllegalStateException e) {
            say.accept("no redis-server here, so the pipeline runs without its tiered cache: " + e.getMessage());
        }
        Duration breakerOpen = options.schedule().outage().dividedBy(4);
        pipeline = new Pipeline(
                bootstrap, TOPIC, options.dataDir().resolve("spool"), redis == null ? null : redis.uri(), breakerOpen);
        say.accept("pipeline: batcher '" + Pipeline.BATCHER + "' (50 events / 100 ms, breaker after 5 failures for "
                + breakerOpen.toMillis() + " ms, spool in " + options.dataDir().resolve("spool") + ") into Kafka topic "
                + TOPIC
                + (pipeline.cached()
                        ? "; tiered cache '" + Pipeline.CACHE + "' (L1 Caffeine, L2 private Redis " + redis.uri() + ")"
                        : "")
                + "; meters at " + pipeline.metricsUri());
        consumer = new DemoConsumer(bootstrap, TOPIC);
        TargetsConfig targets = new TargetsConfig(
                options.interval(),
                options.interval(),
                true,
                true,
                List.of(),
                redis == null ? List.of() : List.of(HostPort.parse("redis", redis.host() + ":" + redis.port())),
                List.of(pipeline.metricsUri()),
                List.of(),
                List.of(),
                List.of(bootstrap));
        // Signed in with a key, as in production: generated here and given to the service as its first admin key.
        // A --data-dir used before already has its admin; the key printed then stays the one that works.
        Path service = options.dataDir().resolve("service");
        boolean fresh = !Files.exists(service.resolve(StoreConfig.SQLITE_FILE));
        String key = newKey();
        ServerConfig config = new ServerConfig(
                        "127.0.0.1", options.port(), options.dataDir(), StoreConfig.sqlite(service), false, null)
                .withTargets(targets)
                .withShutdownTimeout(Duration.ofSeconds(5))
                .withSecurity(SecurityConfig.DEFAULTS.withAdminKey(key))
                .withOptimization(OptimizationConfig.DEFAULTS
                        .withAgentSecret(pipeline.agentSecret())
                        .withActions(new ActionsConfig(
                                false,
                                ActionsConfig.DEFAULT_CHECK_INTERVAL,
                                ActionsConfig.DEFAULT_CHANGES_PER_HOUR,
                                ActionsConfig.DEFAULT_PLAN_TTL,
                                options.verifyWindow())));
        signInKey = fresh ? key : null;
        server = PacerServer.start(config);
        base = server.uri();
        load = new LoadGenerator(pipeline, consumer, options.schedule(), options.phases(), say);
    }

    /**
     * The admin key to sign in to the dashboard with, or null when the data directory already had a service (its
     * first demo run printed the key that works).
     */
    public String signInKey() {
        return signInKey;
    }

    private static String newKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return "pacer_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The service's address. */
    public URI uri() {
        return base;
    }

    /** The dashboard's address. */
    public URI dashboard() {
        return URI.create("http://localhost:" + base.getPort() + "/dashboard");
    }

    /** The private Redis's {@code host:port} (the bench injects its faults there); null without one. */
    String redisAddress() {
        return redis == null ? null : redis.host() + ":" + redis.port();
    }

    /** The registry the pipeline's meters are served from (the bench adds a pool's meters to it). */
    io.micrometer.core.instrument.MeterRegistry pipelineRegistry() {
        return pipeline.registry();
    }

    /** The phase in force now. */
    public Phase phase() {
        return load == null ? null : load.phase();
    }

    /**
     * Stops everything in order: the load, and with it any fault; the pipeline, after its spool and buffer drained; the
     * consumer, once it read what was delivered; the service; Redis; the broker. Idempotent: later calls return the
     * first summary.
     */
    public synchronized Summary stop() {
        if (summary != null) {
            return summary;
        }
        long accepted = 0;
        Batcher.CloseReport report = null;
        try {
            if (load != null) {
                say.accept("stopping: load");
                load.close();
                accepted = load.accepted();
            }
            if (consumer != null) {
                // A fault ends with the load, as the sink's outage does in drain(): stopped during the slow phase,
                // a still-slowed consumer would read its backlog at 50 records/s and could outlast CATCH_UP.
                consumer.slow(false);
            }
            if (pipeline != null) {
                say.accept("stopping: pipeline (delivering what is buffered and spooled)");
                report = pipeline.drain();
            }
            if (consumer != null && report != null) {
                say.accept("stopping: consumer (reading what was delivered)");
                awaitConsumed(report.delivered());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long consumed = consumer == null ? 0 : consumer.distinct();
        close();
        summary = report == null
                ? new Summary(accepted, 0, consumed, accepted)
                : new Summary(accepted, report.delivered(), consumed, report.undelivered() + report.spooled());
        return summary;
    }

    private void awaitConsumed(long delivered) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (consumer.distinct() < delivered && consumer.failure() == null && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50); // the consumer reads at its own pace
        }
    }

    /** Stops what runs, in order, without draining; {@link #stop} is the orderly way. */
    @Override
    public synchronized void close() {
        closeQuietly(load);
        closeQuietly(consumer);
        closeQuietly(server);
        closeQuietly(pipeline); // after the service, which scrapes its meters until it stops
        closeQuietly(redis);
        closeQuietly(kafka);
        load = null;
        pipeline = null;
        consumer = null;
        server = null;
        redis = null;
        kafka = null;
    }

    private void closeQuietly(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            say.accept("stopping " + part.getClass().getSimpleName() + " failed: " + e.getMessage());
        }
    }
}
