package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --gate} on a load command: the same syntax as suites, judged against a real run of a real server. */
class GateCliTest {
    private HttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", exchange -> {
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
    }

    @Test
    void gatesJudgeTheRunAndOneItCannotMeasureFailsIt() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

        Cli met = Cli.run(
                "http",
                "--url",
                url,
                "--rate",
                "50",
                "--duration",
                "1s",
                "--gate",
                "p95<10s",
                "--gate",
                "errors<1%",
                "--gate",
                "throughput>=1/s");
        assertThat(met.exitCode()).as(met.out() + met.err()).isZero();
        assertThat(met.out())
                .containsPattern("(?m)^  gates        ✓ p95: [0-9.]+ ms, must be < 10000 ms; ✓ errors: 0%, must be"
                        + " < 1%; ✓ throughput: [0-9.]+/s, must be >= 1/s$")
                .contains("verdict      PASS");

        Cli unmeasured = Cli.run("http", "--url", url, "--rate", "50", "--duration", "1s", "--gate", "lost=0");
        assertThat(unmeasured.exitCode()).isEqualTo(ExitCode.FAILED_RUN);
        assertThat(unmeasured.out()).contains("verdict      FAIL (lost records: not measured)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "p96<1s     | pacer: --gate: gate 'p96<1s': unknown metric 'p96'; valid metrics are p50, p90, p95",
                "p95<1      | pacer: --gate: gate 'p95<1': bound '1' must be a latency with its unit, e.g. 500ms",
                "p95 is low | pacer: --gate: gate 'p95 is low' must be METRIC[LABEL] OP BOUND",
            })
    void aBadGateIsRefusedBeforeAnythingRuns(String gate, String message) {
        Cli cli = Cli.run("kafka", "--bootstrap", "127.0.0.1:9", "--gate", gate);

        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).startsWith(message).doesNotContain("\tat ");
        assertThat(cli.err().lines().filter(l -> l.startsWith("pacer: "))).hasSize(1);
    }
}
