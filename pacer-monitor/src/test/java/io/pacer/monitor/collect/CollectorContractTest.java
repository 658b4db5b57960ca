package io.pacer.monitor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.sun.net.httpserver.HttpServer;
import io.pacer.embedded.EmbeddedKafka;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.metrics.Histograms;
import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.monitor.kafka.KafkaLagCollector;
import io.pacer.monitor.kafka.KafkaLagSettings;
import io.pacer.testing.Await;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.PostgresServer;
import io.pacer.testing.Topics;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one contract every collector keeps, run over each of them against a live target, a dead one (a closed port)
 * and a silent one (a port that accepts connections and never answers). A new collector adds a {@link Case} to
 * {@link #cases()}.
 */
@Timeout(120)
@ExtendWith(KafkaExtension.class)
class CollectorContractTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedRedis redis;
    private static EmbeddedKafka kafka;
    private static PostgresServer postgres;
    private static String postgresUrl;
    private static HttpServer http;
    private static Registry jmxRegistry;
    private static JMXConnectorServer jmxServer;
    private static int jmxPort;
    private static int closedPort;
    private static ServerSocket silent;

    /**
     * One collector kind: how to make it for a target address ({@code null} for the live target, else
     * {@code host:port} of a dead or silent one); {@code remote} false for those without a target to lose.
     */
    record Case(String kind, boolean remote, Function<HostPort, Collector> make) {
        Collector live() {
            return make.apply(null);
        }

        @Override
        public String toString() {
            return kind;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("host", false, a -> Collectors.host(INTERVAL)),
                new Case("jvm", false, a -> Collectors.jvm(INTERVAL)),
                new Case(
                        "jmx", true, a -> Collectors.jmx(a == null ? new HostPort("127.0.0.1", jmxPort) : a, INTERVAL)),
                new Case("scrape", true, a -> Collectors.scrape(url(a, "/metrics"), INTERVAL)),
                new Case("health", true, a -> Collectors.health(url(a, "/health"), INTERVAL)),
                new Case(
                        "postgres",
                        true,
                        a -> Collectors.postgres(a == null ? postgresUrl : "postgresql://u:p@" + a + "/app", INTERVAL)),
                new Case(
                        "redis",
                        true,
                        a -> Collectors.redis(a == null ? new HostPort(redis.host(), redis.port()) : a, INTERVAL)),
                new Case(
                        "kafka",
                        true,
                        a -> KafkaLagCollector.create(
                                kafkaSettings(a == null ? kafka.bootstrapServers() : a.toString()))));
    }

    /**
     * Every group, with a request bound inside the runner's timeout (the interval): an AdminClient does not fail fast on
     * a refused connection, it retries until its bound, so a dead broker fails with its own reason only when that bound
     * is the shorter one.
     */
    private static KafkaLagSettings kafkaSettings(String bootstrap) {
        return new KafkaLagSettings(
                bootstrap, Map.of(), INTERVAL, Set.of(), KafkaLagSettings.DEFAULT_INTERVALS, 0, Duration.ofMillis(700));
    }

    static Stream<Case> remoteCases() {
        return cases().filter(Case::remote);
    }

    @BeforeAll
    static void targets(EmbeddedKafka broker) throws Exception {
        kafka = broker;
        Topics.create(kafka, "contract-lag", 1);
        redis = EmbeddedRedis.start();
        postgres = PostgresServer.shared(PostgresServer.Flavour.EMBEDDED);
        postgresUrl = postgres.newDatabase() + "?user=" + postgres.user() + "&password=" + postgres.password();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/metrics", exchange -> {
            byte[] body =
                    "# TYPE requests_total counter\nrequests_total{path=\"/\"} 3\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.start();
        jmxPort = freePort();
        jmxRegistry = LocateRegistry.createRegistry(jmxPort);
        jmxServer = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"),
                null,
                ManagementFactory.getPlatformMBeanServer());
        jmxServer.start();
        closedPort = freePort();
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); // accepts, never answers
    }

    @AfterAll
    static void stop() throws Exception {
        silent.close();
        jmxServer.stop();
        UnicastRemoteObject.unexportObject(jmxRegistry, true);
        http.stop(0);
        redis.close();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theNameIsStableAndTheIntervalPositive(Case c) throws Exception {
        try (Collector one = c.live();
                Collector two = c.live()) {
            assertThat(one.name()).isEqualTo(one.name()).isEqualTo(two.name());
            assertThat(one.name()).matches(c.remote() ? c.kind().replace("jmx", "jvm") + ":.+" : c.kind());
            assertThat(one.interval()).isEqualTo(INTERVAL);
        }
    }

    @Test
    void namesAreUniqueAmongCollectors() throws Exception {
        Set<String> names = new HashSet<>();
        for (Case c : cases().toList()) {
            try (Collector collector = c.live()) {
                assertThat(names.add(collector.name())).as(collector.name()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void samplesAreWellFormed(Case c) throws Exception {
        Instant first = Instant.parse("2026-11-29T10:00:00Z");
        Instant second = first.plusSeconds(1);
        try (Collector collector = c.live()) {
            collector.collect(first);
            List<Sample> samples = collector.collect(second); // rates need two readings
            assertThat(samples).isNotEmpty();
            Set<String> series = new HashSet<>();
            for (Sample s : samples) {
                assertThat(s.timestamp()).as(s.name()).isEqualTo(second);
                assertThat(Double.isFinite(s.value())).as(s.name()).isTrue();
                assertThat(series.add(s.name() + s.labels()))
                        .as("one value per series: " + s)
                        .isTrue();
                s.labels().forEach((k, v) -> {
                    assertThat(k).as(s.name()).isNotBlank();
                    assertThat(v).as(s.name() + " " + k).isNotNull();
                });
                if (c.remote()) {
                    assertThat(s.labels()).as(s.name()).containsKey("target");
                }
                if (s.histogram() != null) {
                    assertThat(Histograms.decode(s.histogram()).getTotalCount()).isPositive();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("remoteCases")
    void aDeadTargetIsAnExceptionWithTheReasonAndTheCollectorDown(Case c) throws Exception {
        HostPort dead = new HostPort("127.0.0.1", closedPort);
        try (Collector collector = c.make().apply(dead)) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(
                    Exception.class, () -> collector.collect(Instant.now()));
            assertThat(e.getMessage()).as(c.kind()).contains(Integer.toString(closedPort));
        }
        try (CollectorRunner runner = CollectorRunner.start(List.of(c.make().apply(dead)), samples -> {})) {
            CollectorHealth health = awaitDown(runner);
            assertThat(health.lastError())
                    .contains(Integer.toString(closedPort))
                    .doesNotStartWith("timed out");
        }
    }

    @ParameterizedTest
    @MethodSource("remoteCases")
    void aSilentTargetCostsItsOwnTimeoutNotAHang(Case c) throws Exception {
        Collector quiet = c.make().apply(new HostPort("127.0.0.1", silent.getLocalPort()));
        Collector host = Collectors.host(Duration.ofSeconds(1));
        try (CollectorRunner runner = CollectorRunner.start(
                List.of(quiet, host), samples -> {}, Duration.ofMillis(500), java.time.Clock.systemUTC())) {
            CollectorHealth health = awaitDown(runner);
            assertThat(health.lastError()).as(c.kind()).isEqualTo("timed out after 500 ms");
            Await.until(WAIT, "the host collector keeps collecting", () -> {
                CollectorHealth other = runner.health("host");
                return other.collections() - other.failures() >= 2;
            });
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void closeIsIdempotent(Case c) throws Exception {
        Collector live = c.live();
        live.collect(Instant.now());
        live.close();
        assertThatCode(live::close).doesNotThrowAnyException();
        if (c.remote()) {
            Collector dead = c.make().apply(new HostPort("127.0.0.1", closedPort));
            assertThatCode(() -> dead.collect(Instant.now())).isInstanceOf(Exception.class);
            dead.close();
            assertThatCode(dead::close).doesNotThrowAnyException();
        }
    }

    private static CollectorHealth awaitDown(CollectorRunner runner) {
        String name = runner.health().get(0).name();
        Await.until(WAIT, name + " marked down", () -> runner.health(name).state() == CollectorHealth.State.DOWN);
        return runner.health(name);
    }

    private static URI url(HostPort address, String path) {
        return URI.create(
                "http://" + (address == null ? "127.0.0.1:" + http.getAddress().getPort() : address) + path);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
