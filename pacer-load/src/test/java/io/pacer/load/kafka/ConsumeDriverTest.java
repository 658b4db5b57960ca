package io.pacer.load.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.LoadSetupException;
import io.pacer.load.Outcome;
import io.pacer.testing.Await;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class ConsumeDriverTest {

    private long sequence;

    @Test
    void readsFromTheBeginningAndReportsTheLagLeft(EmbeddedKafka kafka) throws Exception {
        Topics.create(kafka, "consume-lag", 1);
        TestClients.write(kafka.bootstrapServers(), "consume-lag", 0, 50, "k"); // keys k0..k49 (2-3 B), values 10 B
        KafkaConsumeSettings settings = KafkaConsumeSettings.assign(kafka.bootstrapServers(), "consume-lag")
                .withFromBeginning(true)
                .withConsumerProperties(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10"))
                .withPollTimeout(CallRunner.TIMEOUT); // a poll returns as soon as records are there
        try (Driver driver = KafkaDrivers.consume(settings)) {
            driver.open();
            assertThat(driver.gauges()).isEmpty(); // nothing fetched yet: lag unknown, not 0

            Outcome first = poll(driver);
            assertThat(first).isEqualTo(Outcome.ok(10, 10 * 2 + 10 * 10)); // k0..k9
            assertThat(driver.gauges()).containsExactly(Map.entry("lag", 40.0));

            long records = first.records();
            long bytes = first.bytes();
            while (records < 50) {
                Outcome next = poll(driver);
                records += next.records();
                bytes += next.bytes();
            }
            assertThat(records).isEqualTo(50);
            assertThat(bytes).isEqualTo(10 * 2 + 40 * 3 + 50 * 10);
            assertThat(driver.summary()).containsExactly(Map.entry("lag", 0.0));
        }
    }

    @Test
    void fromTheEndReadsOnlyNewRecordsOfTheAssignedPartitions(EmbeddedKafka kafka) throws Exception {
        Topics.create(kafka, "consume-end", 2);
        TestClients.write(kafka.bootstrapServers(), "consume-end", 1, 5, "old");
        KafkaConsumeSettings settings = KafkaConsumeSettings.assign(kafka.bootstrapServers(), "consume-end")
                .withPartitions(List.of(1));
        try (Driver driver = KafkaDrivers.consume(settings)) {
            driver.open();
            assertThat(driver.describe())
                    .isEqualTo("kafka-consume topic=consume-end assign=[1] from=end poll-timeout=100ms");
            TestClients.write(kafka.bootstrapServers(), "consume-end", 0, 4, "other");
            TestClients.write(kafka.bootstrapServers(), "consume-end", 1, 3, "new");
            long records = 0;
            long deadline = System.nanoTime() + CallRunner.TIMEOUT.toNanos();
            while (records < 3 && System.nanoTime() < deadline) {
                records += poll(driver).records();
            }
            for (int i = 0; i < 5; i++) { // nothing more comes: neither the old records nor partition 0's
                records += poll(driver).records();
            }
            assertThat(records).isEqualTo(3);
        }
    }

    @Test
    void groupModeTimesTheFirstAssignmentAndLaterRebalances(EmbeddedKafka kafka) throws Exception {
        Topics.create(kafka, "consume-group", 2);
        KafkaConsumeSettings settings =
                KafkaConsumeSettings.group(kafka.bootstrapServers(), "consume-group", "pacer-group-test");
        try (Driver driver = KafkaDrivers.consume(settings)) {
            driver.open();
            Await.until(
                    CallRunner.TIMEOUT,
                    "the first assignment",
                    () -> {
                        poll(driver);
                        return driver.summary();
                    },
                    summary -> summary.containsKey("first_assignment_ms"),
                    driver::describe);
            assertThat(driver.summary().get("first_assignment_ms")).isPositive();
            assertThat(driver.summary()).containsEntry("rebalances", 0.0);

            try (KafkaConsumer<byte[], byte[]> other = TestClients.consumer(
                    kafka.bootstrapServers(), Map.of(ConsumerConfig.GROUP_ID_CONFIG, "pacer-group-test"))) {
                other.subscribe(List.of("consume-group"));
                Await.until(
                        CallRunner.TIMEOUT,
                        "a rebalance when a second member joins",
                        () -> {
                            other.poll(Duration.ofMillis(50));
                            poll(driver);
                            return driver.summary();
                        },
                        summary -> summary.get("rebalances") >= 1,
                        driver::describe);
            }
            assertThat(driver.summary().get("rebalance_ms_total")).isPositive();
        }
    }

    @Test
    void aMissingTopicOrPartitionIsAOneLineSetupError(EmbeddedKafka kafka) throws Exception {
        try (Driver driver =
                KafkaDrivers.consume(KafkaConsumeSettings.assign(kafka.bootstrapServers(), "consume-missing"))) {
            assertThatThrownBy(driver::open)
                    .isInstanceOf(LoadSetupException.class)
                    .hasMessage("topic 'consume-missing' does not exist at " + kafka.bootstrapServers()
                            + ": check --topic, or produce to it first");
        }
        Topics.create(kafka, "consume-two", 2);
        try (Driver driver = KafkaDrivers.consume(KafkaConsumeSettings.assign(kafka.bootstrapServers(), "consume-two")
                .withPartitions(List.of(0, 5)))) {
            assertThatThrownBy(driver::open)
                    .isInstanceOf(LoadSetupException.class)
                    .hasMessage("partition 5 of topic 'consume-two' does not exist: it has 2 (0..1);"
                            + " check --partitions");
        }
    }

    private Outcome poll(Driver driver) {
        // A consumer's stage is complete when start returns.
        return driver.start(new Call(0, sequence++, System.nanoTime()))
                .toCompletableFuture()
                .getNow(null);
    }
}
