package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.testing.KafkaExtension;
import io.pacer.verdict.kafka.KafkaProfile;
import io.pacer.verdict.kafka.tune.Candidate;
import io.pacer.verdict.kafka.tune.TuneResult;
import io.pacer.verdict.kafka.tune.Tuner;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pacer kafka profile} and {@code pacer kafka tune} through the CLI's entry point, tune on a real broker. */
@ExtendWith(KafkaExtension.class)
class KafkaTuneCliTest {

    /**
     * The budget of the end-to-end tune run; the search must end within it (the last run may overrun a little). This
     * test is about the machinery, not the win (bench/tune.sh measures that): a lenient target and 1,000 records in
     * flight keep it independent of how loaded the machine is.
     */
    static final int BUDGET_SECONDS = 45;

    @Test
    @Timeout(value = 110, unit = TimeUnit.SECONDS)
    void tuneFindsAConfigurationWithinTheTargetAndWritesEveryOutput(EmbeddedKafka kafka, @TempDir Path dir)
            throws Exception {
        Path best = dir.resolve("best.properties");
        Path json = dir.resolve("tune.json");
        Path html = dir.resolve("tune.html");
        Cli cli = Cli.run(
                "kafka",
                "tune",
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "tune-cli",
                "--budget",
                BUDGET_SECONDS + "s",
                "--target-p99",
                "1s",
                "--max-outstanding",
                "1000",
                "--record-size",
                "100",
                "--output",
                best.toString(),
                "--json",
                json.toString(),
                "--html",
                html.toString());

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        TuneResult result = Tuner.readJson(json);
        assertThat(result.schema()).isEqualTo("pacer.tune-result/1");
        assertThat(result.elapsedMillis()).isLessThanOrEqualTo((BUDGET_SECONDS + 5) * 1000L);
        assertThat(result.trials()).anySatisfy(t -> assertThat(t.candidate()).isEqualTo(Candidate.DEFAULTS));
        assertThat(result.trials())
                .allSatisfy(t -> assertThat(t.figures().operations()).isPositive());
        assertThat(result.front()).isNotEmpty();
        assertThat(result.confirmation()).isNotNull();
        assertThat(result.confirmation().winner().operations()).isPositive();
        assertThat(result.confirmation().defaults().operations()).isPositive();
        assertThat(result.parameters()).containsEntry("topic", "tune-cli").containsEntry("rate", "unlimited");

        Properties written = new Properties();
        try (Reader reader = Files.newBufferedReader(best, StandardCharsets.ISO_8859_1)) {
            written.load(reader);
        }
        Map<String, String> asMap =
                written.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, written::getProperty));
        assertThat(asMap).isEqualTo(result.best());
        assertThat(Files.readString(html)).contains("data-chart=\"pareto\"").contains(result.winner());
        assertThat(cli.out())
                .contains("Pareto front")
                .contains("winner       " + result.winner())
                .contains("confirmed    ")
                .contains("defaults     ");
        assertThat(cli.err()).contains("pacer: tuning: ");
    }

    /**
     * tune mixes in the producer workload options of kafka produce (and of kafka): its resource bundle gives its own
     * default topic and its own words for four of them, and the others' stay theirs.
     */
    @Test
    void tuneHasItsOwnDefaultTopicAndWordsForTheSharedWorkloadOptions() {
        CommandLine kafka = new CommandLine(new Pacer()).getSubcommands().get("kafka");
        CommandSpec tune = kafka.getSubcommands().get("tune").getCommandSpec();
        CommandSpec produce = kafka.getSubcommands().get("produce").getCommandSpec();

        assertThat(tune.findOption("--topic").defaultValue()).isEqualTo("pacer-tune");
        assertThat(produce.findOption("--topic").defaultValue()).isEqualTo(ProducerWorkloadOptions.DEFAULT_TOPIC);
        assertThat(kafka.getCommandSpec().findOption("--topic").defaultValue())
                .isEqualTo(ProducerWorkloadOptions.DEFAULT_TOPIC);
        assertThat(description(tune, "--topic")).contains("default pacer-tune");
        assertThat(description(tune, "-P")).contains("every candidate keeps");
        assertThat(description(tune, "--producer-config")).contains("every candidate keeps");
        assertThat(description(tune, "--clients")).isEqualTo("KafkaProducer instances (default 1).");
        assertThat(description(tune, "--record-size")).doesNotContain("different per record");
        assertThat(description(produce, "-P")).contains("e.g. -P acks=all").doesNotContain("every candidate");
        assertThat(description(produce, "--clients")).contains("shared by the users");
        assertThat(description(produce, "--record-size")).contains("different per record");
    }

    private static String description(CommandSpec command, String option) {
        return String.join(" ", command.findOption(option).description());
    }

    @Test
    void profilePrintsBothFilesOrWritesThem(@TempDir Path dir) throws Exception {
        Cli printed = Cli.run("kafka", "profile", "seed");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(printed.out())
                .isEqualTo(
                        KafkaProfile.SEED.producerFile() + System.lineSeparator() + KafkaProfile.SEED.consumerFile());

        Path producer = dir.resolve("producer.properties");
        Path consumer = dir.resolve("consumer.properties");
        Cli written = Cli.run(
                "kafka",
                "profile",
                "DURABILITY",
                "--output",
                producer.toString(),
                "--consumer-output",
                consumer.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).isEmpty();
        assertThat(Files.readString(producer, StandardCharsets.ISO_8859_1))
                .isEqualTo(KafkaProfile.DURABILITY.producerFile());
        assertThat(Files.readString(consumer, StandardCharsets.ISO_8859_1))
                .isEqualTo(KafkaProfile.DURABILITY.consumerFile());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "kafka profile fastest                       | unknown profile 'fastest': choose one of throughput,",
                "kafka profile seed --output /no/such/dir/p  | --output /no/such/dir/p: directory /no/such/dir does",
                "kafka tune --budget 5s                      | --budget 5.0 s is out of range: give 45s to 24h",
                "kafka tune --budget soon                    | 'soon' is not a duration",
                "kafka tune --target-p99 0ms                 | --target-p99 must be 1ms to 10m",
                "kafka tune --durability sloppy              | --durability",
                "kafka tune --html /no/such/dir/t.html       | --html /no/such/dir/t.html: directory /no/such/dir",
            })
    void badInputIsOneLineAndExitTwo(String args, String expected) {
        Cli cli = Cli.run(args.trim().split("\\s+"));

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).startsWith("pacer: ").contains(expected).doesNotContain("\tat ");
        assertThat(cli.out()).isEmpty();
    }
}
