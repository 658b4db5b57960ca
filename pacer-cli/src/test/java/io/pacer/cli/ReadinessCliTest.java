package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessCliTest {

    /** A producer and a consumer with nothing to find in production. */
    private static final String GOOD_PRODUCER = "bootstrap.servers=kafka-1:9093\nsecurity.protocol=SASL_SSL\n"
            + "sasl.mechanism=SCRAM-SHA-512\ncompression.type=lz4\n";

    private static final String GOOD_CONSUMER = "bootstrap.servers=kafka-1:9093\nsecurity.protocol=SASL_SSL\n"
            + "sasl.mechanism=SCRAM-SHA-512\ngroup.id=orders\nenable.auto.commit=false\nauto.offset.reset=earliest\n";

    @TempDir
    Path dir;

    private String file(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void cleanConfigsAreReady() throws Exception {
        Cli cli = Cli.run(
                "readiness",
                "--producer-config",
                file("producer.properties", GOOD_PRODUCER),
                "--consumer-config",
                file("consumer.properties", GOOD_CONSUMER));
        assertThat(cli.err()).isEmpty();
        assertThat(cli.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(cli.out())
                .startsWith("Readiness: READY — score 100/100 for production")
                .contains("No findings")
                .contains("Ready (--fail-on critical, --min-score 0).");
    }

    @Test
    void aCriticalFindingMeansNotReadyWithItsFix() throws Exception {
        Cli cli = Cli.run("readiness", "--producer-config", file("producer.properties", GOOD_PRODUCER + "acks=1\n"));
        assertThat(cli.exitCode()).isEqualTo(ExitCode.FAILED_RUN);
        assertThat(cli.out())
                .contains("[producer.acks-not-all] acks=1: acknowledged records can be lost")
                .contains("evidence  acks=1  (producer.properties:5)")
                .contains("fix       acks=all")
                .contains("Not ready: 1 finding at or above critical (--fail-on critical).");
    }

    @Test
    void failOnWarningAndMinScoreTightenTheVerdict() throws Exception {
        String producer = file("producer.properties", GOOD_PRODUCER.replace("compression.type=lz4\n", ""));
        assertThat(Cli.run("readiness", "--producer-config", producer).exitCode())
                .isEqualTo(ExitCode.OK);
        Cli warning = Cli.run("readiness", "--producer-config", producer, "--fail-on", "warning");
        assertThat(warning.exitCode()).isEqualTo(ExitCode.FAILED_RUN);
        assertThat(warning.out()).contains("[producer.compression-none]");
        // producer 90 (weight 25), security 100 (weight 15): 3750 / 40 = 93.75 -> 94
        Cli score = Cli.run("readiness", "--producer-config", producer, "--min-score", "95");
        assertThat(score.exitCode()).isEqualTo(ExitCode.FAILED_RUN);
        assertThat(score.out()).contains("Not ready: score 94 is below --min-score 95.");
        Cli development = Cli.run(
                "readiness", "--producer-config", producer, "--fail-on", "warning", "--environment", "development");
        assertThat(development.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void jsonAndHtmlOutputs() throws Exception {
        Path json = dir.resolve("out/readiness.json");
        Files.createDirectories(json.getParent());
        Path html = dir.resolve("readiness.html");
        Cli cli = Cli.run(
                "readiness",
                "--producer-config",
                file("producer.properties", "acks=1\n"),
                "--rate",
                "5000",
                "--environment",
                "staging",
                "--output",
                json.toString(),
                "--html",
                html.toString());
        assertThat(cli.exitCode()).isEqualTo(ExitCode.OK); // staging: acks=1 is a warning
        JsonNode report = Json.documentReader().readTree(Files.readString(json));
        assertThat(report.get("schema").asText()).isEqualTo("pacer.readiness/1");
        assertThat(report.get("environment").asText()).isEqualTo("staging");
        assertThat(report.at("/inputs/expectedRate").asDouble()).isEqualTo(5000.0);
        assertThat(report.at("/findings/0/severity").asText()).isEqualTo("warning");
        assertThat(report.at("/score/overall").isInt()).isTrue();
        assertThat(report.at("/verdict/ready").asBoolean()).isTrue();
        assertThat(Files.readString(html)).contains("<div class=\"verdict pass\">READY</div>");

        Cli stdout = Cli.run("readiness", "--producer-config", file("p2.properties", "acks=all\n"), "--output", "-");
        assertThat(Json.documentReader().readTree(stdout.out()).get("schema").asText())
                .isEqualTo("pacer.readiness/1");
    }

    @Test
    void unknownKeysAreWarnedNotRefused() throws Exception {
        Cli cli =
                Cli.run("readiness", "--producer-config", file("producer.properties", GOOD_PRODUCER + "lingr.ms=5\n"));
        assertThat(cli.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(cli.out())
                .contains("producer.properties:5: The configuration 'lingr.ms' was supplied but isn't a known config."
                        + " Did you mean 'linger.ms'?");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        String badType = file("bad.properties", "acks=all\nlinger.ms=soon\n");
        assertUsage(
                Cli.run("readiness", "--producer-config", badType),
                "pacer: --producer-config " + badType + ":2: Invalid value soon for configuration linger.ms: Not a"
                        + " number of type LONG");
        assertUsage(
                Cli.run(
                        "readiness",
                        "--consumer-config",
                        dir.resolve("missing.properties").toString()),
                "pacer: --consumer-config " + dir.resolve("missing.properties") + ": no such file");
        assertUsage(
                Cli.run("readiness"),
                "pacer: nothing to check: give --producer-config, --consumer-config, --bootstrap or the target's"
                        + " resources (--this-host, --cpus, --memory, --heap, --gc, --disk)");
        String good = file("producer.properties", GOOD_PRODUCER);
        assertUsage(
                Cli.run("readiness", "--producer-config", good, "--fail-on", "info"),
                "pacer: --fail-on must be critical or warning, but was info (info findings are notes)");
        assertUsage(
                Cli.run("readiness", "--producer-config", good, "--rate", "0"),
                "pacer: --rate must be > 0 records/s, but was 0.0");
        assertUsage(
                Cli.run("readiness", "--producer-config", good, "--min-score", "101"),
                "pacer: --min-score must be in [0, 100], but was 101");
        assertUsage(
                Cli.run("readiness", "--producer-config", good, "--topic", "orders"),
                "pacer: --topic needs --bootstrap: topics are read from the cluster");
        Cli environment = Cli.run("readiness", "--producer-config", good, "--environment", "prod");
        assertThat(environment.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(environment.err()).contains("--environment").contains("[PRODUCTION, STAGING, DEVELOPMENT]");
    }

    private static void assertUsage(Cli cli, String line) {
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).isEqualTo(line + System.lineSeparator());
        assertThat(cli.out()).isEmpty();
    }
}
