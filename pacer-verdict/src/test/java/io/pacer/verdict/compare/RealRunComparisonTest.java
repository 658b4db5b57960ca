package io.pacer.verdict.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pacer.load.Limit;
import io.pacer.load.LoadEngine;
import io.pacer.load.Pacing;
import io.pacer.load.RunListener;
import io.pacer.load.RunResult;
import io.pacer.load.Warmup;
import io.pacer.load.Workload;
import io.pacer.load.http.HttpDrivers;
import io.pacer.load.http.HttpSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real runs of the HTTP driver against an in-process JDK HTTP server whose service time we set: the same target
 * measured twice comes out unchanged, and the same target made 30 % slower comes out regressed — so "unchanged" is a
 * finding, not a comparison too blunt to see anything.
 */
@Timeout(180)
class RealRunComparisonTest {
    private static final long SERVICE_MICROS = 20_000;

    private HttpServer server;
    private ExecutorService executor;
    private volatile long serviceMicros = SERVICE_MICROS;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        executor = Executors.newFixedThreadPool(16);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            // The service's own work: a fixed service time, so the runs measure the target rather than the machine.
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(serviceMicros));
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void theSameTargetMeasuredTwiceIsUnchangedAndASlowerOneRegressed() throws Exception {
        RunResult first = run();
        RunResult second = run();
        serviceMicros = SERVICE_MICROS * 13 / 10;
        RunResult slower = run();

        RunComparison same = Comparisons.compare(first, second, ComparisonSettings.DEFAULT_TOLERANCE);
        RunComparison worse = Comparisons.compare(first, slower, ComparisonSettings.DEFAULT_TOLERANCE);
        ComparisonText.lines(same).forEach(System.out::println);
        ComparisonText.lines(worse).forEach(System.out::println);

        assertThat(same.beforeIntervals()).isGreaterThanOrEqualTo(25);
        assertThat(same.afterIntervals()).isGreaterThanOrEqualTo(25);
        assertThat(same.regressed()).as("%s", same.metrics()).isFalse();
        assertThat(same.metrics())
                .filteredOn(m -> m.verdict() == ChangeVerdict.INCONCLUSIVE)
                .isEmpty();
        assertThat(worse.metric(Metric.P50).verdict()).isEqualTo(ChangeVerdict.REGRESSED);
        assertThat(worse.metric(Metric.P50).changePercent()).isBetween(20.0, 40.0);
        assertThat(worse.regressed()).isTrue();
    }

    private RunResult run() throws InterruptedException {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        Workload workload = Workload.of(Pacing.open(100), 10, Limit.duration(Duration.ofSeconds(6)))
                .withWarmup(Warmup.fixed(Duration.ofSeconds(1)))
                .withInterval(Duration.ofMillis(200));
        return LoadEngine.run(workload, HttpDrivers.http(HttpSettings.of(List.of(url))), RunListener.NONE);
    }
}
