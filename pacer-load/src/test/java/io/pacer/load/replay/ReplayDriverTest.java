package io.pacer.load.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.LoadSetupException;
import io.pacer.load.Outcome;
import io.pacer.load.Timeline;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.Topics;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class ReplayDriverTest {

    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    /**
     * A gzip JSON-lines capture of 3,000 records (headers on some, a few stamped out of order, two bad lines) replayed
     * into a 3-partition topic: every record arrives once with its key, value and headers.
     */
    @Test
    void replaysEveryRecordIntoTheTopicAndReportsWhatItRead(EmbeddedKafka kafka) throws Exception {
        int records = 3_000;
        Path capture = dir.resolve("capture.jsonl.gz");
        long payloadBytes = 0;
        try (Writer out = new java.io.OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(capture)), StandardCharsets.UTF_8)) {
            for (int i = 0; i < records; i++) {
                long ts = 1_000 + i - (i % 500 == 499 ? 5 : 0); // every 500th record is 5 ms early: out of order
                String value = "value-" + i + "-é";
                payloadBytes += ("k-" + i).length() + value.getBytes(StandardCharsets.UTF_8).length;
                String headers = i % 10 == 0 ? ",\"headers\":{\"n\":\"" + i + "\"}" : "";
                out.write("{\"ts\":" + ts + ",\"key\":\"k-" + i + "\",\"value\":\"" + value + "\"" + headers + "}\n");
                if (i == 100 || i == 2_000) {
                    out.write("{\"ts\":oops}\n");
                }
            }
        }
        Topics.create(kafka, "replay-all", 3);

        try (Driver driver = ReplayDrivers.replay(ReplaySettings.of(capture, kafka.bootstrapServers(), "replay-all")
                .withSkipBadLines(true))) {
            driver.open();
            List<Long> offsets = new ArrayList<>();
            List<Outcome> outcomes = replay(driver, offsets);

            assertThat(outcomes).hasSize(records).allMatch(Outcome::ok);
            assertThat(outcomes.stream().mapToLong(Outcome::bytes).sum()).isEqualTo(payloadBytes);
            assertThat(offsets.get(0)).isZero();
            assertThat(offsets.get(records - 2)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(records - 2));
            assertThat(offsets.get(499)).isEqualTo(offsets.get(498));
            assertThat(driver.summary())
                    .isEqualTo(Map.of(
                            "records",
                            (double) records,
                            "bytes",
                            (double) payloadBytes,
                            "skipped_lines",
                            2.0,
                            "out_of_order_timestamps",
                            6.0));
        }

        Map<String, ConsumerRecord<byte[], byte[]>> byKey = consume(kafka, "replay-all", records);
        assertThat(byKey).hasSize(records);
        for (int i = 0; i < records; i++) {
            ConsumerRecord<byte[], byte[]> record = byKey.get("k-" + i);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("value-" + i + "-é");
            Header[] headers = record.headers().toArray();
            if (i % 10 == 0) {
                assertThat(headers).hasSize(1);
                assertThat(headers[0].key()).isEqualTo("n");
                assertThat(new String(headers[0].value(), StandardCharsets.UTF_8))
                        .isEqualTo(Integer.toString(i));
            } else {
                assertThat(headers).isEmpty();
            }
        }
    }

    @Test
    void createsAnAbsentTopicWithTheGivenPartitions(EmbeddedKafka kafka) throws Exception {
        Path capture = Files.writeString(
                dir.resolve("small.csv"),
                "ts,key,value\n"
                        + java.util.stream.IntStream.range(0, 10)
                                .mapToObj(i -> i + ",k" + i + ",v" + i)
                                .collect(Collectors.joining("\n")));

        try (Driver driver = ReplayDrivers.replay(ReplaySettings.of(capture, kafka.bootstrapServers(), "replay-created")
                .withPartitions(2))) {
            driver.open();
            assertThat(replay(driver, new ArrayList<>())).hasSize(10).allMatch(Outcome::ok);
            assertThat(driver.describe()).isEqualTo("replay capture=small.csv topic=replay-created");
        }

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of("replay-created"))
                            .allTopicNames()
                            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .get("replay-created")
                            .partitions())
                    .hasSize(2);
        }
        assertThat(consume(kafka, "replay-created", 10)).hasSize(10);
    }

    @Test
    void aRefusedTopicCreationFailsOpenWithOneLineSayingWhy(EmbeddedKafka kafka) throws Exception {
        Topics.create(
                kafka, "replay_collide", 1); // Kafka refuses "replay.collide": '.' and '_' collide in metric names
        Path capture = Files.writeString(dir.resolve("c.jsonl"), "{\"ts\":1,\"value\":\"v\"}\n");

        try (Driver driver =
                ReplayDrivers.replay(ReplaySettings.of(capture, kafka.bootstrapServers(), "replay.collide"))) {
            assertThatThrownBy(driver::open)
                    .isInstanceOf(LoadSetupException.class)
                    .hasMessageStartingWith(
                            "topic 'replay.collide' does not exist and creating it failed (InvalidTopicException: ")
                    .hasMessageEndingWith(
                            "create it first, e.g. kafka-topics.sh --create --topic replay.collide --partitions 1,"
                                    + " or change the settings that were refused")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void aBadLineStopsTheReplayWithTheReadersMessage(EmbeddedKafka kafka) throws Exception {
        Path capture = Files.writeString(dir.resolve("bad.jsonl"), "{\"ts\":1,\"value\":\"v\"}\n{\"ts\":2}\n");
        Topics.create(kafka, "replay-bad", 1);

        try (Driver driver = ReplayDrivers.replay(ReplaySettings.of(capture, kafka.bootstrapServers(), "replay-bad"))) {
            driver.open();
            Timeline timeline = (Timeline) driver;
            assertThat(timeline.nextOffsetNanos()).isZero();
            assertThatThrownBy(timeline::nextOffsetNanos)
                    .isInstanceOf(CaptureFormatException.class)
                    .hasMessageStartingWith("bad.jsonl line 2: expected a JSON object with \"ts\" and \"value\"");
        }
    }

    /** Stands in for the engine: offsets until END, one start per offset, then awaits every stage. */
    private static List<Outcome> replay(Driver driver, List<Long> offsets) throws Exception {
        Timeline timeline = (Timeline) driver;
        List<CompletableFuture<Outcome>> stages = new ArrayList<>();
        for (long offset; (offset = timeline.nextOffsetNanos()) != Timeline.END; ) {
            offsets.add(offset);
            stages.add(
                    driver.start(new Call(0, stages.size(), System.nanoTime())).toCompletableFuture());
        }
        assertThatThrownBy(() -> driver.start(new Call(0, stages.size(), System.nanoTime())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call nextOffsetNanos() before each start");
        CompletableFuture.allOf(stages.toArray(new CompletableFuture<?>[0])).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return stages.stream().map(CompletableFuture::join).collect(Collectors.toList());
    }

    /** Reads {@code expected} records from the start of every partition (failing after a timeout), keyed by key. */
    private static Map<String, ConsumerRecord<byte[], byte[]>> consume(
            EmbeddedKafka kafka, String topic, int expected) {
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new HashMap<>();
        int read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (read < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    byKey.put(new String(record.key(), StandardCharsets.UTF_8), record);
                }
            }
        }
        assertThat(read).as("records read back").isEqualTo(expected);
        return byKey;
    }
}
