package io.pacer.monitor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.pacer.metrics.Histograms;
import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthCollectorTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        respond("/health", 204);
        respond("/sick", 503);
        respond("/moved", 302);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void a2xxIsHealthyAndItsLatencyCarriesAOneValueHistogram() throws Exception {
        List<Sample> samples = check("/health");
        assertThat(value(samples, "health.up")).isEqualTo(1);
        assertThat(value(samples, "health.status.code")).isEqualTo(204);
        Sample latency = sample(samples, "health.latency.seconds");
        assertThat(latency.value()).isPositive();
        assertThat(Histograms.decode(latency.histogram()).getTotalCount()).isEqualTo(1);
        assertThat(Histograms.decode(latency.histogram()).getMaxValue() / 1e6)
                .isCloseTo(latency.value(), org.assertj.core.data.Percentage.withPercentage(0.2));
        assertThat(samples).allSatisfy(s -> assertThat(s.labels()).containsEntry("target", base + "/health"));
    }

    @Test
    void anotherStatusIsAnsweredButUnhealthyAndRedirectsAreNotFollowed() throws Exception {
        assertThat(value(check("/sick"), "health.up")).isZero();
        assertThat(value(check("/sick"), "health.status.code")).isEqualTo(503);
        assertThat(value(check("/moved"), "health.up")).isZero();
        assertThat(value(check("/moved"), "health.status.code")).isEqualTo(302);
    }

    @Test
    void anUnreachableUrlFailsTheCollectionWithTheReason() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed + "/health";
        try (Collector health = Collectors.health(URI.create(url), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> health.collect(NOW))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("GET " + url + ": ConnectException");
        }
    }

    private static List<Sample> check(String path) throws Exception {
        try (Collector health = Collectors.health(URI.create(base + path), Duration.ofSeconds(5))) {
            assertThat(health.name()).isEqualTo("health:" + base + path);
            return health.collect(NOW);
        }
    }

    private static Sample sample(List<Sample> samples, String name) {
        List<Sample> matching =
                samples.stream().filter(s -> s.name().equals(name)).toList();
        assertThat(matching).as(name).hasSize(1);
        return matching.get(0);
    }

    private static double value(List<Sample> samples, String name) {
        return sample(samples, name).value();
    }

    private static void respond(String path, int status) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Location", "/elsewhere");
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
    }
}
