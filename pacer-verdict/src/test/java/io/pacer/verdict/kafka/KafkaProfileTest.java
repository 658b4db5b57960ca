package io.pacer.verdict.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.testing.KafkaExtension;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every profile against the real Kafka client and a real broker: accepted, effective as stated, and it works. */
@ExtendWith(KafkaExtension.class)
class KafkaProfileTest {

    /**
     * The Kafka client warns "supplied but isn't a known config" for exactly the keys outside its config
     * definition; none of a profile's keys may be one.
     */
    @ParameterizedTest
    @EnumSource(KafkaProfile.class)
    void everyKeyIsOneTheKafkaClientKnows(KafkaProfile profile) {
        assertThat(ProducerConfig.configNames())
                .containsAll(profile.producerProperties().keySet());
        assertThat(ConsumerConfig.configNames())
                .containsAll(profile.consumerProperties().keySet());
        for (TradeOff t : profile.tradeOffs()) {
            assertThat(t.client().equals("producer") ? ProducerConfig.configNames() : ConsumerConfig.configNames())
                    .as("trade-off keys of %s", profile)
                    .containsAll(t.keys());
        }
    }

    /** What the client really does with the profile, as the client itself resolves it (not as the file reads). */
    @ParameterizedTest
    @EnumSource(KafkaProfile.class)
    void durabilityIsReallyOnInEveryProfile(KafkaProfile profile) {
        ProducerConfig effective = new ProducerConfig(producerConfig(profile, "127.0.0.1:9"));
        assertThat(effective.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))
                .isTrue();
        assertThat(effective.getString(ProducerConfig.ACKS_CONFIG)).isIn("all", "-1");
        ConsumerConfig consumer = new ConsumerConfig(consumerConfig(profile, "127.0.0.1:9"));
        assertThat(consumer.getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG))
                .isFalse();
        if (profile == KafkaProfile.DURABILITY) {
            assertThat(consumer.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG))
                    .isEqualTo("read_committed");
            assertThat((long) effective.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG))
                    .isGreaterThanOrEqualTo(effective.getLong(ProducerConfig.LINGER_MS_CONFIG)
                            + effective.getInt(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        }
    }

    @ParameterizedTest
    @EnumSource(KafkaProfile.class)
    void aProducerAndAConsumerBuiltFromTheProfileMoveRecords(KafkaProfile profile, EmbeddedKafka kafka)
            throws Exception {
        String topic = "profile-" + profile.id();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(10, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerConfig(profile, kafka.bootstrapServers()))) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        Map<String, Object> consumerConfig = consumerConfig(profile, kafka.bootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "profile-" + profile.id());
        int received = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received < 100 && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                received += records.count();
            }
            consumer.commitSync(Duration.ofSeconds(10));
        }
        assertThat(received).isEqualTo(100);
    }

    @ParameterizedTest
    @EnumSource(KafkaProfile.class)
    void theFilesReadBackAsTheProfileWithEachReasonAboveItsLine(KafkaProfile profile) throws Exception {
        for (String client : List.of("producer", "consumer")) {
            String file = client.equals("producer") ? profile.producerFile() : profile.consumerFile();
            List<Setting> settings = client.equals("producer") ? profile.producer() : profile.consumer();
            Properties read = new Properties();
            read.load(new StringReader(file));
            assertThat(read.stringPropertyNames())
                    .containsExactlyInAnyOrderElementsOf(
                            settings.stream().map(Setting::key).toList());
            for (Setting s : settings) {
                assertThat(read.getProperty(s.key())).isEqualTo(s.value());
                assertThat(file).contains("# " + s.reason() + "\n" + s.key() + "=" + s.value() + "\n");
            }
            assertThat(file.getBytes(StandardCharsets.ISO_8859_1))
                    .asString(StandardCharsets.ISO_8859_1)
                    .isEqualTo(file);
        }
    }

    @Test
    void seedIsSeed000AsWritten() {
        assertThat(KafkaProfile.SEED.producerProperties())
                .containsExactly(
                        Map.entry("compression.type", "lz4"),
                        Map.entry("linger.ms", "5"),
                        Map.entry("batch.size", "65536"),
                        Map.entry("acks", "all"),
                        Map.entry("enable.idempotence", "true"),
                        Map.entry("retries", "10"));
        assertThat(KafkaProfile.SEED.consumerProperties())
                .containsExactly(
                        Map.entry("fetch.min.bytes", "50000"),
                        Map.entry("max.poll.records", "1000"),
                        Map.entry("session.timeout.ms", "30000"),
                        Map.entry("enable.auto.commit", "false"));
        assertThat(KafkaProfile.SEED.producerFile()).contains(KafkaProfile.SEED_SOURCE);
    }

    @Test
    void everyProfileStatesWhatItGivesUp() {
        for (KafkaProfile profile : KafkaProfile.values()) {
            assertThat(profile.tradeOffs()).as(profile.id()).isNotEmpty();
        }
        assertThat(KafkaProfile.THROUGHPUT.tradeOffs())
                .anySatisfy(t -> assertThat(t.keys()).contains("linger.ms"));
    }

    @Test
    void anUnknownNameListsTheProfilesThereAre() {
        assertThat(KafkaProfile.named(" Throughput ")).isEqualTo(KafkaProfile.THROUGHPUT);
        assertThatThrownBy(() -> KafkaProfile.named("fastest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown profile 'fastest': choose one of "
                        + "throughput, latency, durability, balanced, seed");
    }

    private static Map<String, Object> producerConfig(KafkaProfile profile, String bootstrap) {
        Map<String, Object> config = new HashMap<>(profile.producerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private static Map<String, Object> consumerConfig(KafkaProfile profile, String bootstrap) {
        Map<String, Object> config = profile.consumerProperties().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, HashMap::new));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }
}
