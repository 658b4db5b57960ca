package io.pacer.load.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.load.Driver;
import io.pacer.load.LoadSetupException;
import io.pacer.load.Outcome;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class ProduceDriverTest {

    @Test
    void createsTheTopicAndWritesEveryRecordThroughEachClient(EmbeddedKafka kafka) throws Exception {
        KafkaProduceSettings settings = KafkaProduceSettings.of(kafka.bootstrapServers(), "produce-created")
                .withKeys(KeyDistribution.sequential())
                .withClients(2)
                .withProducerProperties(Map.of("acks", "all", "linger.ms", "1"));
        List<CallRunner.Result> results;
        try (Driver driver = KafkaDrivers.produce(settings)) {
            driver.open();
            assertThat(partitions(kafka, "produce-created")).isEqualTo(KafkaProduceSettings.DEFAULT_PARTITIONS);
            results = CallRunner.await(CallRunner.start(driver, 0, 200, 1_000, 2));
            assertThat(driver.describe())
                    .isEqualTo("kafka-produce topic=produce-created record-size=100"
                            + " keys=sequential clients=2 acks=all linger.ms=1");
        }

        for (CallRunner.Result r : results) {
            int keyLength = Long.toString(r.call().sequence()).length();
            assertThat(r.outcome()).isEqualTo(Outcome.ok(keyLength + 100));
        }
        List<ConsumerRecord<byte[], byte[]>> written = TestClients.readAll(
                kafka.bootstrapServers(), "produce-created", KafkaProduceSettings.DEFAULT_PARTITIONS, 200);
        assertThat(written).hasSize(200);
        Set<String> keys = written.stream()
                .map(r -> new String(r.key(), StandardCharsets.US_ASCII))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(keys).hasSize(200).allMatch(k -> Long.parseLong(k) < 200);
        assertThat(written)
                .allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.US_ASCII))
                        .matches("[A-Z]{100}"));
        assertThat(written.stream()
                        .map(r -> new String(r.value(), StandardCharsets.US_ASCII))
                        .distinct())
                .hasSize(200);
    }

    @Test
    void sendsThePayloadFileLinesRoundRobin(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        Topics.create(kafka, "produce-file", 1);
        Path file = Files.writeString(dir.resolve("payloads.txt"), "alpha\nbeta\ngamma\n");
        KafkaProduceSettings settings = KafkaProduceSettings.of(kafka.bootstrapServers(), "produce-file")
                .withPayloadFile(file);
        try (Driver driver = KafkaDrivers.produce(settings)) {
            driver.open();
            assertThat(CallRunner.run(driver, 0, 5, 500))
                    .extracting(CallRunner.Result::outcome)
                    .containsExactly(Outcome.ok(5), Outcome.ok(4), Outcome.ok(5), Outcome.ok(5), Outcome.ok(4));
        }
        assertThat(TestClients.readAll(kafka.bootstrapServers(), "produce-file", 1, 5))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("alpha", "beta", "gamma", "alpha", "beta");
    }

    @Test
    void aRecordTheBrokerRejectsFailsTheOperationByType(EmbeddedKafka kafka) throws Exception {
        Topics.create(kafka, "produce-too-large", 1);
        KafkaProduceSettings settings = KafkaProduceSettings.of(kafka.bootstrapServers(), "produce-too-large")
                .withRecordSize(2 << 20); // over the producer's max.request.size of 1 MiB
        try (Driver driver = KafkaDrivers.produce(settings)) {
            driver.open();
            Outcome outcome = driver.start(new io.pacer.load.Call(0, 0, System.nanoTime()))
                    .toCompletableFuture()
                    .get(CallRunner.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(outcome).isEqualTo(Outcome.failed("RecordTooLargeException"));
        }
    }

    @Test
    void aTopicTheBrokerWillNotCreateIsAOneLineSetupError(EmbeddedKafka kafka) throws Exception {
        KafkaProduceSettings settings = new KafkaProduceSettings(
                kafka.bootstrapServers(),
                "produce-refused",
                2,
                (short) 3,
                100,
                null,
                KeyDistribution.none(),
                Map.of(),
                1);
        try (Driver driver = KafkaDrivers.produce(settings)) {
            assertThatThrownBy(driver::open)
                    .isInstanceOf(LoadSetupException.class)
                    .hasMessageStartingWith("topic 'produce-refused' does not exist and creating it failed"
                            + " (InvalidReplicationFactorException: ")
                    .hasMessageEndingWith("): create it first, e.g. kafka-topics.sh --create --topic produce-refused"
                            + " --partitions 2, or change the settings that were refused")
                    .message()
                    .doesNotContain("\n");
        }
    }

    @Test
    void aProducerSettingKafkaRejectsIsAOneLineSetupError(EmbeddedKafka kafka) throws Exception {
        Topics.create(kafka, "produce-bad-setting", 1);
        KafkaProduceSettings settings = KafkaProduceSettings.of(kafka.bootstrapServers(), "produce-bad-setting")
                .withProducerProperties(Map.of("acks", "most"));
        try (Driver driver = KafkaDrivers.produce(settings)) {
            assertThatThrownBy(driver::open)
                    .isInstanceOf(LoadSetupException.class)
                    .hasMessageStartingWith("the Kafka producer rejected its settings (")
                    .hasMessageContaining("acks")
                    .hasMessageEndingWith("): check the producer properties (-P / --producer-config)");
        }
    }

    private static int partitions(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.describeTopics(Set.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        }
    }
}
