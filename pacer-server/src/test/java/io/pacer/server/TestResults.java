package io.pacer.server;

import com.sun.net.httpserver.HttpServer;
import io.pacer.load.Limit;
import io.pacer.load.LoadEngine;
import io.pacer.load.Pacing;
import io.pacer.load.RunListener;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.load.Warmup;
import io.pacer.load.Workload;
import io.pacer.load.http.HttpDrivers;
import io.pacer.load.http.HttpSettings;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import io.pacer.verdict.SuiteResults;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Real results to upload: a short HTTP load run (pacer-load's engine and HTTP driver) against an in-process JDK HTTP
 * server, made once per test class; and a suite result with that run as its one scenario.
 */
public final class TestResults {

    private static RunResult run;

    private TestResults() {}

    /** A real run of about 1.5 s in 100 ms intervals (about a dozen measured ones), made on first use. */
    public static synchronized RunResult run() {
        if (run == null) {
            run = measure();
        }
        return run;
    }

    public static String runJson() {
        return RunResults.toJson(run());
    }

    /** A suite result with {@link #run()} as its one scenario, no gates (so it passed). */
    public static String suiteJson(String suite) {
        return suiteJson(suite, 1);
    }

    /** A suite result with {@link #run()} as each of its {@code scenarios}, no gates (so it passed). */
    public static String suiteJson(String suite, int scenarios) {
        RunResult r = run();
        List<ScenarioResult> all = new java.util.ArrayList<>();
        for (int i = 0; i < scenarios; i++) {
            all.add(new ScenarioResult("orders-" + i, r.driver(), r, List.of(), null, null));
        }
        return SuiteResults.toJson(new SuiteResult(
                SuiteResult.SCHEMA,
                suite,
                r.environment().start(),
                r.environment().end(),
                all));
    }

    private static RunResult measure() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            Workload workload = Workload.of(Pacing.open(200), 4, Limit.duration(Duration.ofMillis(1500)))
                    .withWarmup(Warmup.fixed(Duration.ofMillis(200)))
                    .withInterval(Duration.ofMillis(100));
            return LoadEngine.start(workload, HttpDrivers.http(HttpSettings.of(List.of(url))), RunListener.NONE)
                    .await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            server.stop(0);
        }
    }
}
