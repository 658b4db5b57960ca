package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.kafka.KafkaConnection;
import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.TopicSpec;
import io.pacer.testing.KafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code pacer lag} and {@code pacer lag evaluate}: exit codes, output, and one-line errors. */
@ExtendWith(KafkaExtension.class)
class LagCliTest {

    /**
     * docs/lag-history.md's second example: caught up at its last commit (t=520 s), idle, one record at t=700 s; at
     * t=1000 s Burrow's ring of broker offsets (untimed) shows only 221, Pacer's timed samples show when it arrived.
     */
    static final String IDLE_HISTORY = """
            {"group": "billing", "now": 1000000, "allowedLag": 0, "partitions": [
              {"topic": "orders", "partition": 0,
               "commits": [{"offset": 100, "lag": 0, "timestamp": 100000},
                           {"offset": 160, "lag": 5, "timestamp": 300000},
                           {"offset": 220, "lag": 0, "timestamp": 520000}],
               "logEndOffsets": [221, 221, 221, 221, 221, 221, 221, 221, 221, 221,
                                 {"offset": 220, "timestamp": 690000}, {"offset": 221, "timestamp": 720000}],
               "currentLag": 1}]}
            """;

    /** Burrow's test 3: lag always non-zero and no commit for 500 s over a 400 s window. */
    static final String STOPPED_HISTORY = """
            {"group": "g", "now": 1000000, "partitions": [{"topic": "t", "partition": 0, "currentLag": 250,
              "logEndOffsets": [5250],
              "commits": [{"offset": 1000, "lag": 50, "timestamp": 100000}, {"offset": 2000, "lag": 100, "timestamp": 200000},
                          {"offset": 3000, "lag": 150, "timestamp": 300000}, {"offset": 4000, "lag": 200, "timestamp": 400000},
                          {"offset": 5000, "lag": 250, "timestamp": 500000}]}]}
            """;

    @Test
    void evaluateExitsZeroForAnOkGroupAndWritesTheResult(@TempDir Path dir) throws Exception {
        Path history = Files.writeString(dir.resolve("history.json"), IDLE_HISTORY);
        Path result = dir.resolve("result.json");

        Cli cli = Cli.run("lag", "evaluate", history.toString(), "--output", result.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("billing").contains("orders-0").contains("OK");
        assertThat(Files.readString(result))
                .contains("\"group\" : {")
                .contains("\"status\" : \"OK\"")
                .contains("\"lagSeconds\" : 310.0")
                .contains("\"catchUpSeconds\"")
                .contains("idle partition, not a stopped consumer")
                .contains("\"burrowStatus\" : \"STOP\"")
                .contains("\"burrowStatus\" : \"ERR\"");
    }

    @Test
    void evaluateExitsOneWhenTheGroupIsNotOkAndCanWriteJsonToStdout(@TempDir Path dir) throws Exception {
        Path history = Files.writeString(dir.resolve("stopped.json"), STOPPED_HISTORY);

        Cli cli = Cli.run("lag", "evaluate", history.toString(), "--output", "-");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(1);
        assertThat(cli.out())
                .startsWith("{")
                .contains("\"status\" : \"STOP\"")
                .contains("\"burrowStatus\" : \"ERR\"")
                .contains("no commit for 500 s, longer than the window's 400 s");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing file    | <none>                                                     | missing.json: no such file
            not JSON        | {"group":                                                  | not valid JSON
            bad field       | {"group": "g", "now": 5, "partitions": [{"topic": "t", "partition": -1, "commits": [], "currentLag": 0}]} | partitions[0]: partition must be >= 0, but was -1
            """)
    void evaluateRejectsBadInputWithOneLineAndExitTwo(String name, String content, String expected, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("missing.json");
        if (!content.equals("<none>")) {
            file = Files.writeString(dir.resolve("bad.json"), content);
        }

        Cli cli = Cli.run("lag", "evaluate", file.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("pacer: ").contains(expected).doesNotContain("\tat ");
        assertThat(cli.err().strip().lines()).hasSize(1);
    }

    @Test
    void liveLagReportsAStoppedGroupsLagAndRecordsAHistoryThatEvaluatesTheSame(EmbeddedKafka kafka, @TempDir Path dir)
            throws Exception {
        String topic = "cli-lag";
        try (KafkaSetup setup = KafkaSetup.connect(KafkaConnection.of(kafka.bootstrapServers()))) {
            setup.createTopic(TopicSpec.of(topic, 1));
        }
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "r" + i));
            }
            producer.flush();
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "cli-lag-group",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            long start = consumer.beginningOffsets(java.util.List.of(tp)).get(tp);
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(start + 12)));
        }

        Cli cli = Cli.run(
                "lag",
                "-b",
                kafka.bootstrapServers(),
                "--group",
                "cli-lag-group",
                "--samples",
                "2",
                "--over",
                "300ms",
                "--record",
                dir.toString());

        // Nobody owns the partition and nothing was committed between the samples while 18 records wait: STOP.
        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isEqualTo(1);
        assertThat(cli.out())
                .contains("cli-lag-group")
                .contains("cli-lag-0")
                .contains("STOP")
                .contains("18");
        Cli replay =
                Cli.run("lag", "evaluate", dir.resolve("cli-lag-group.json").toString());
        assertThat(replay.exitCode()).as(replay.err()).isEqualTo(1);
        assertThat(replay.out()).contains("STOP");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no bootstrap      | lag                                                    | pacer lag needs --bootstrap
            bad bootstrap     | lag -b nowhere                                         | --bootstrap 'nowhere' must be HOST:PORT
            one sample        | lag -b 127.0.0.1:1 --samples 1                         | --samples must be in [2, 1000], but was 1
            unreachable       | lag -b 127.0.0.1:1 --samples 2 --over 100ms --timeout 500ms | 127.0.0.1:1
            unknown option    | lag evaluate x.json --colour                           | Unknown option: '--colour'
            """)
    void liveLagUsageErrorsExitTwoOnOneLine(String name, String args, String expected) {
        Cli cli = Cli.run(args.split(" "));

        assertThat(cli.exitCode()).as(cli.out()).isEqualTo(2);
        assertThat(cli.err()).startsWith("pacer: ").contains(expected).doesNotContain("\tat ");
    }
}
