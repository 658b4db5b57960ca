package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.pacer.embedded.EmbeddedKafka;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.internal.Json;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.Series;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.LaggingGroup;
import io.pacer.testing.RedisExtension;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pacer monitor} end to end against real targets — a redis-server, the embedded Kafka broker with a lagging
 * group, a health URL that turns from 200 to 500, and a Redis port nobody listens on — then {@code pacer alerts} on
 * the store it wrote.
 */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
@Timeout(120)
class MonitorCliTest {
    private static final String GROUP = "monitor-lagging";
    /** Health answers 200 to this many checks, then 500. */
    private static final int HEALTHY_CHECKS = 2;

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger checks = new AtomicInteger();

    @BeforeEach
    void healthEndpoint() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            boolean healthy = checks.incrementAndGet() <= HEALTHY_CHECKS;
            byte[] body = (healthy ? "ok" : "database unreachable").getBytes();
            exchange.sendResponseHeaders(healthy ? 200 : 500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void storesEveryCollectorsSamplesFiresTheHealthAlertAndShowsTheDeadTargetDown(
            EmbeddedKafka kafka, EmbeddedRedis redis) throws Exception {
        laggingGroup(kafka.bootstrapServers(), "monitor-lag", 30, 12);
        int deadPort = freePort();
        String healthUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - name: health-down
                    metric: health.up
                    critical: 0.5
                    direction: below
                    for: 1s
                    action: page_on_call
                """);

        Cli cli = Cli.run(
                "monitor",
                "--duration",
                "7s",
                "--interval",
                "1s",
                "--health",
                healthUrl,
                "--redis",
                redis.host() + ":" + redis.port(),
                "--redis",
                "127.0.0.1:" + deadPort,
                "--kafka",
                kafka.bootstrapServers(),
                "--rules",
                rules.toString(),
                "--data-dir",
                dir.toString());

        // A critical alert firing at the end: exit 1, said in the summary; the dead target did not end the run.
        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isEqualTo(ExitCode.FAILED_RUN);
        assertThat(cli.out())
                .contains("exit 1: a critical alert is firing at the end")
                .contains("FIRING  critical health-down")
                .containsPattern("DOWN +redis:127\\.0\\.0\\.1:" + deadPort + " +.*redis 127\\.0\\.0\\.1:" + deadPort
                        + ": .*Connection refused")
                .containsPattern("UP +redis:" + redis.host() + ":" + redis.port())
                .contains("answers 500 FAILING")
                .containsPattern("monitor-lagging +\\w+ +lag 18 records");
        List<String> refreshes = cli.out()
                .lines()
                .filter(l -> l.contains(" health ") && l.contains("| targets "))
                .toList();
        assertThat(refreshes).as("a plain line per refresh off a terminal").hasSizeGreaterThanOrEqualTo(3);
        assertThat(cli.out()).doesNotContain("\033[");

        try (MetricStore store = MetricStore.openForReading(StoreConfig.sqlite(dir))) {
            assertThat(store.names())
                    .contains("host.memory.used.ratio", "jvm.memory.heap.used.bytes", "health.up", "collector.up")
                    .anyMatch(n -> n.startsWith("redis."))
                    .contains("kafka.lag.records", "kafka.group.status");
            List<Series> lag =
                    store.query(Query.of("kafka.lag.records", Instant.now().minusSeconds(600), Instant.now())
                            .withLabels(Map.of("group", GROUP))
                            .at(Resolution.RAW));
            assertThat(lag).hasSize(1);
            assertThat(lag.get(0).points())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.last()).isEqualTo(18));
            List<Series> dead =
                    store.query(Query.of("collector.up", Instant.now().minusSeconds(600), Instant.now())
                            .withLabels(Map.of("collector", "redis:127.0.0.1:" + deadPort))
                            .at(Resolution.RAW));
            assertThat(dead.get(0).points())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.last()).isZero());
        }

        Cli history = Cli.run("alerts", "history", "--rule", "health-down", "--data-dir", dir.toString());
        assertThat(history.exitCode()).as(history.err()).isZero();
        List<String> steps = history.out().lines().toList();
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0)).contains("health-down").contains("INACTIVE → PENDING");
        assertThat(steps.get(1))
                .contains("health-down")
                .contains("PENDING  → FIRING")
                .contains(healthUrl);

        Cli json = Cli.run("alerts", "history", "--format", "json", "--data-dir", dir.toString());
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode doc = Json.documentReader().readTree(json.out());
        assertThat(doc).hasSize(2);
        assertThat(doc.get(1).get("rule").asText()).isEqualTo("health-down");
        assertThat(doc.get(1).get("to").asText()).isEqualTo("FIRING");
        assertThat(doc.get(1).get("series").get("labels").get("target").asText())
                .isEqualTo(healthUrl);
        assertThat(doc.get(1).get("action").asText()).isEqualTo("page_on_call");

        Cli list = Cli.run("alerts", "list", "--data-dir", dir.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().strip().lines())
                .singleElement()
                .asString()
                .startsWith("FIRING  critical health-down")
                .contains("health.up{target=\"" + healthUrl + "\"} = 0");
    }

    @Test
    void badUsageIsOneLineAndExitTwo() throws Exception {
        Path rules = Files.writeString(dir.resolve("bad.yaml"), "rules:\n  - name: x\n    metric: health.up\n");
        Cli badRules = Cli.run("monitor", "--rules", rules.toString(), "--data-dir", dir.toString());
        assertThat(badRules.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badRules.err().strip())
                .startsWith("pacer: " + rules + ":2:")
                .contains("warning or a critical threshold");

        Cli badRedis = Cli.run("monitor", "--redis", "no-port", "--data-dir", dir.toString());
        assertThat(badRedis.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badRedis.err().strip().lines()).singleElement().asString().contains("--redis");

        Cli noStore =
                Cli.run("alerts", "list", "--data-dir", dir.resolve("empty").toString());
        assertThat(noStore.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noStore.err()).contains("no metric history in");
    }

    private static void laggingGroup(String bootstrap, String topic, int records, int committed) throws Exception {
        LaggingGroup.create(bootstrap, topic, GROUP, records, committed);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
