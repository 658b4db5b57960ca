package io.pacer.cli.demo;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacer.agent.PacerAgent;
import io.pacer.agent.PacerAgentConfig;
import io.pacer.batch.BatchPolicy;
import io.pacer.batch.Batcher;
import io.pacer.batch.Overflow;
import io.pacer.batch.SpoolCodec;
import io.pacer.breaker.BreakerPolicy;
import io.pacer.cache.CacheMeters;
import io.pacer.cache.L1Settings;
import io.pacer.cache.L2Settings;
import io.pacer.cache.TieredCache;
import io.pacer.metrics.BatcherMeters;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.sink.Sinks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The sample application the demo runs, written as a user of Pacer's library would write it: events enriched from a
 * {@link TieredCache} (L1 Caffeine, L2 a private Redis when there is one) go through a {@link Batcher} (seed 001's
 * 50 events / 100 ms, breaker after 5 failures, overflow spilled to a disk spool) into a Kafka sink; its meters
 * ({@link BatcherMeters}, {@link CacheMeters}) are served in Prometheus text on a loopback port, where the service
 * scrapes them. Its {@link PacerAgent} (loopback, a secret made for this run) lets the service change the batcher's and
 * cache's tunables; its {@code pacer_agent_info{url}} gauge is among the scraped meters.
 */
final class Pipeline implements AutoCloseable {
    static final String BATCHER = "demo";
    static final String CACHE = "profiles";
    /** Customers the load draws from; L1 holds a fifth of them, so some reads go to L2 or the loader. */
    static final int CUSTOMERS = 5_000;

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Redis reads may take this long before the cache's own breaker takes L2 out of the path: the default 5 ms is for
     * a production network; a laptop running broker, service and browser at once stalls longer now and then.
     */
    private static final Duration L2_TIMEOUT = Duration.ofMillis(50);

    private final OutageSink<String> sink;
    private final Batcher<String> batcher;
    private final TieredCache<String, String> cache;
    private final PrometheusMeterRegistry registry;
    private final HttpServer http;
    private final ExecutorService httpThread;
    // Micrometer holds function meters' state weakly: the binders stay referenced here.
    private final BatcherMeters batcherMeters;
    private final CacheMeters cacheMeters;
    private final String agentSecret;
    private final PacerAgent agent;

    Pipeline(String bootstrap, String topic, Path spoolDir, String redisUri, Duration breakerOpen) {
        Map<String, Object> producer = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG,
                "pacer-demo-pipeline",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName());
        this.sink = new OutageSink<>(Sinks.kafka(producer, topic, Pipeline::customerOf, event -> event));
        this.batcher = Batcher.<String>builder()
                .name(BATCHER)
                .policy(BatchPolicy.ofDefaults())
                .breaker(BreakerPolicy.ofDefaults().withOpenDuration(breakerOpen))
                .overflow(Overflow.spill(spoolDir, 256L << 20), SpoolCodec.utf8())
                .closeTimeout(DRAIN_TIMEOUT)
                .build(sink);
        this.cache = redisUri == null
                ? null
                : TieredCache.<String, String>builder(CACHE, String.class)
                        .redis(redisUri)
                        .l1(L1Settings.ofDefaults().withMaximumSize(CUSTOMERS / 5))
                        .l2(L2Settings.ofDefaults().withTimeout(L2_TIMEOUT))
                        .loader(customer -> "tier-" + (Math.abs(customer.hashCode()) % 3))
                        .build();
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.batcherMeters = new BatcherMeters(BATCHER, batcher::snapshot);
        batcherMeters.bindTo(registry);
        this.cacheMeters = cache == null ? null : new CacheMeters(cache::snapshot);
        if (cacheMeters != null) {
            cacheMeters.bindTo(registry);
        }
        this.agentSecret = newSecret();
        this.agent = PacerAgent.start(PacerAgentConfig.loopback(agentSecret)).watch(batcher);
        if (cache != null) {
            agent.watch(cache);
        }
        agent.bindTo(registry);
        try {
            this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("could not serve the pipeline's metrics: " + e.getMessage(), e);
        }
        this.httpThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "pacer-demo-metrics"));
        http.setExecutor(httpThread);
        http.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    private static String newSecret() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The event's record key: its customer. */
    private static String customerOf(String event) {
        int first = event.indexOf(',');
        int second = event.indexOf(',', first + 1);
        return event.substring(first + 1, second);
    }

    /** The event number of a record the pipeline wrote. */
    static long sequenceOf(String event) {
        return Long.parseLong(event.substring(0, event.indexOf(',')));
    }

    /** Enriches event {@code sequence} of {@code customer} from the cache and offers it; whether it was accepted. */
    boolean offer(long sequence, int customer) {
        String key = "c" + customer;
        String profile = cache == null ? "tier-" + (customer % 3) : cache.get(key);
        return batcher.offer(sequence + "," + key + "," + profile);
    }

    /** Starts or ends the injected sink outage. */
    void outage(boolean down) {
        sink.down(down);
    }

    BatcherSnapshot snapshot() {
        return batcher.snapshot();
    }

    /** The registry whose meters {@link #metricsUri()} serves. */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Whether the tiered cache has its L2 (a private Redis); false: no cache, the profile is computed. */
    boolean cached() {
        return cache != null;
    }

    /** Where the service scrapes the pipeline's meters. */
    URI metricsUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/metrics");
    }

    /** Where the pipeline's agent listens: the target of the service's {@code agent.tunable} actions. */
    URI agentUri() {
        return agent.uri();
    }

    /** The agent's secret, made for this run: the service needs it to change the pipeline's tunables. */
    String agentSecret() {
        return agentSecret;
    }

    /**
     * Ends any outage, delivers what is buffered and spooled, and stops the batcher: what was not delivered. The meters
     * are still served (the service's last scrape sees the final counts) until {@link #close}.
     */
    Batcher.CloseReport drain() throws InterruptedException {
        sink.down(false);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            BatcherSnapshot now = batcher.snapshot();
            if (now.spoolDepth() == 0 && now.buffered() == 0) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(20); // the spool replays once the breaker lets a trial through
        }
        return batcher.shutdown();
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.close();
        }
        batcher.close();
        if (http != null) {
            http.stop(0);
        }
        if (httpThread != null) {
            httpThread.shutdownNow();
            try {
                httpThread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cache != null) {
            cache.close();
        }
        registry.close();
    }
}
