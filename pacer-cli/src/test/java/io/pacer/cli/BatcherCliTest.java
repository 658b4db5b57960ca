package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.load.RecordAccounting;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.RedisExtension;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code pacer batcher} end to end: memory with faults, a real Kafka broker, a real redis-server, and bad flags. */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class BatcherCliTest {

    @Test
    void theSeedsLoadTestRunsInMemoryAndReportsTheBatching(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("batcher.json");
        Cli cli = Cli.run(
                "batcher",
                "--sink",
                "memory",
                "--rate",
                "1000",
                "--duration",
                "1s",
                "--batch-size",
                "50",
                "--linger",
                "100ms",
                "--output",
                output.toString());

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        RunResult r = RunResults.read(output);
        long operations = r.counts().operations();
        assertThat(r.driver()).startsWith("batcher sink=memory batch-size=50 linger=100ms overflow=block");
        assertThat(r.counts().failed()).isZero();
        assertThat(r.accounting()).isEqualTo(new RecordAccounting(operations, operations, 0, 0, 0));
        assertThat(r.driverSummary())
                .containsEntry("sink_distinct", (double) operations)
                .containsKeys("batching_efficiency", "batch_size_p50", "batch_size_p99", "spool_depth_max");
        assertThat(r.settings().parameters())
                .containsEntry("command", "batcher")
                .containsEntry("sink", "memory")
                .containsEntry("batch_size", "50");
        assertThat(cli.out()).contains("batching_efficiency").contains("verdict      PASS");
    }

    @Test
    void anOutageFromTheCommandLineTripsTheBreakerAndLosesNothing(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("outage.json");
        Cli cli = Cli.run(
                "batcher",
                "--sink",
                "memory",
                "--rate",
                "500",
                "--duration",
                "1500ms",
                "--linger",
                "10ms",
                "--outage",
                "500ms@300ms",
                "--breaker-failures",
                "2",
                "--breaker-open",
                "100ms",
                "--retry-backoff",
                "2ms",
                "--overflow",
                "spool",
                "--spool-dir",
                dir.resolve("spool").toString(),
                "--output",
                output.toString());

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        RunResult r = RunResults.read(output);
        assertThat(r.driverSummary().get("breaker_trips")).isGreaterThanOrEqualTo(1);
        assertThat(r.driverSummary().get("fault_outage_calls")).isGreaterThanOrEqualTo(2);
        assertThat(r.driverSummary().get("spooled_delivered")).isPositive();
        assertThat(r.driverSummary().get("sink_distinct"))
                .isEqualTo((double) r.counts().operations());
        assertThat(r.settings().parameters()).containsEntry("outage", "500ms@300ms");
    }

    @Test
    void deliversIntoARealKafkaTopic(EmbeddedKafka kafka) {
        Cli cli = Cli.run(
                "batcher",
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "batcher-cli",
                "--rate",
                "500",
                "--duration",
                "1s",
                "--linger",
                "20ms");

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        assertThat(cli.out()).contains("batcher sink=kafka topic=batcher-cli").contains("verdict      PASS");
    }

    @Test
    void deliversIntoARealRedisStream(EmbeddedRedis redis) {
        Cli cli = Cli.run(
                "batcher",
                "--redis",
                redis.host() + ":" + redis.port(),
                "--stream",
                "batcher-cli",
                "--rate",
                "500",
                "--duration",
                "1s",
                "--linger",
                "20ms");

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        assertThat(cli.out()).contains("batcher sink=redis stream=batcher-cli").contains("verdict      PASS");
    }

    @Test
    void aProducerSettingKafkaRejectsIsOneLineAndExitTwo(EmbeddedKafka kafka) {
        Cli cli = Cli.run(
                "batcher",
                "-b",
                kafka.bootstrapServers(),
                "--topic",
                "batcher-bad-props",
                "-P",
                "acks=maybe",
                "--count",
                "10");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err().lines().filter(l -> l.startsWith("pacer: ")).toList())
                .singleElement()
                .asString()
                .contains("the Kafka producer rejected its settings")
                .contains("acks")
                .endsWith("check the producer properties (-P / --producer-config)");
    }

    @Test
    void anUnreachableRedisIsOneLineAndExitTwo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Cli cli = Cli.run("batcher", "--redis", "127.0.0.1:" + closedPort, "--count", "10");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err().lines()).hasSize(1);
        assertThat(cli.err()).startsWith("pacer: cannot reach Redis at 127.0.0.1:" + closedPort);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "--batch-size 0                     | --batch-size must be in [1, 1000000], but was 0",
                "--batch-size 100 --buffer 64       | --batch-size (100) must not exceed --buffer (64)",
                "--buffer 32                        | --batch-size (50, the default) must not exceed --buffer (32)",
                "--buffer 1 --batch-size 1          | --buffer must be in [2, 268435456], but was 1",
                "--linger 2h                        | --linger must be in [PT0S, PT1H], but was PT2H",
                "--overflow sometimes               | --overflow 'sometimes' must be block, spool or drop",
                "--overflow spool                   | --overflow spool needs --spool-dir DIR",
                "--spool-dir /tmp/x                 | --spool-dir and --spool-max-bytes apply to --overflow spool only",
                "--overflow drop --block-timeout 1s | --block-timeout applies to --overflow block only",
                "--breaker-failures 0               | --breaker-failures must be in [1, 1000], but was 0",
                "--breaker-open 0s                  | --breaker-open must be in [PT0.001S, PT24H], but was PT0S",
                "--max-attempts 0                   | --max-attempts must be in [1, 100], but was 0",
                "--max-in-flight 65                 | --max-in-flight must be in [1, 64], but was 65",
                "--adaptive fast                    | --adaptive 'fast' must be off or a p99 target such as 50ms",
                "--fail-rate 1.5                    | --fail-rate must be in [0, 1], but was 1.5",
                "--sink-latency 2m                  | --sink-latency must be in [PT0S, PT1M], but was PT2M",
                "--outage 10s                       | --outage '10s' must be LENGTH@AT (e.g. 10s@30s",
                "--outage 10s@0s,5s@5s              | --outage must not overlap, but 10000ms@0ms and 5000ms@5000ms do",
                "--record-size 0                    | --record-size must be in [1, 1048576], but was 0",
                "--bootstrap 127.0.0.1:9092         | --bootstrap, --topic, --partitions, -P and --producer-config apply"
                        + " to --sink kafka, but the sink is memory",
                "--stream s                         | --redis and --stream apply to --sink redis, but the sink is memory",
            })
    void badBatcherFlagsExitTwoWithOneLine(String flags, String expected) {
        String[] args = ("batcher --sink memory --count 10 " + flags.trim()).split("\\s+");

        Cli cli = Cli.run(args);

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).isEqualTo("pacer: " + cli.err().substring(7).trim() + System.lineSeparator());
        assertThat(cli.err()).startsWith("pacer: ").contains(expected).doesNotContain("\tat ");
        assertThat(cli.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "batcher --redis localhost                 | --redis must be host:port, e.g. 127.0.0.1:6379, but was"
                        + " 'localhost'",
                "batcher --sink kafka --redis 127.0.0.1:1  | --redis and --stream apply to --sink redis, but the sink"
                        + " is kafka",
                "batcher --topic bad/topic -b 127.0.0.1:1  | --topic must be a Kafka topic name",
                "batcher --sink memory --fail-rate lots    | 'lots'",
                "batcher --sink file                       | --sink 'file' must be kafka, redis or memory",
                "batcher --sink memory --count 5 --overflow spool --spool-dir /dev/null/spool | : check --spool-dir",
            })
    void sinkChoiceErrorsExitTwo(String args, String expected) {
        Cli cli = Cli.run(args.trim().split("\\s+"));

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).startsWith("pacer: ").contains(expected).doesNotContain("\tat ");
    }
}
