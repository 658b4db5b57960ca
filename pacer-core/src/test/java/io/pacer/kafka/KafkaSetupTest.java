package io.pacer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.Topics;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class KafkaSetupTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Pins the reason creation probes: an idempotent producer with five requests in flight writes to a topic
     * created the moment before, and every record arrives exactly once with no probe visible.
     */
    @Test
    void idempotentProducerLosesNothingOnAJustCreatedTopic(EmbeddedKafka kafka) throws Exception {
        int partitions = 6;
        int count = 6_000;
        Topic created = Topics.create(kafka, "fresh-idempotent", partitions);
        assertThat(created).isEqualTo(new Topic("fresh-idempotent", partitions, true, 0));
        List<Future<RecordMetadata>> acks = new ArrayList<>(count);
        try (KafkaProducer<String, String> producer = TestClients.producer(kafka.bootstrapServers(), true)) {
            for (int i = 0; i < count; i++) {
                acks.add(producer.send(new ProducerRecord<>("fresh-idempotent", i % partitions, null, "r" + i)));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(WAIT.toMillis(), TimeUnit.MILLISECONDS); // throws on any lost record
            }
        }
        List<ConsumerRecord<String, String>> read =
                TestClients.readAll(kafka.bootstrapServers(), "fresh-idempotent", count, WAIT);
        assertThat(read).noneMatch(r -> r.headers().lastHeader(KafkaSetup.PROBE_HEADER) != null);
        assertThat(read).noneMatch(KafkaSetup::isProbe);
        assertThat(read).hasSize(count);
        Set<String> values = read.stream().map(ConsumerRecord::value).collect(Collectors.toCollection(HashSet::new));
        assertThat(values)
                .hasSize(count)
                .containsAll(IntStream.range(0, count).mapToObj(i -> "r" + i).toList());
        assertThat(read).allMatch(r -> r.offset() >= 1, "probe offset 0 deleted");
    }

    @Test
    void everyPartitionOfANewTopicStartsAfterTheDeletedProbe(EmbeddedKafka kafka) throws Exception {
        assertThat(Topics.create(kafka, "probe-deleted", 3).probesLeft()).isZero();
        assertThat(earliestOffsets(kafka, "probe-deleted", 3)).containsOnly(1L);
    }

    /**
     * The deletion rule when the cluster refuses: Kafka will not delete records of a compacted topic, so the
     * probes stay — counted in the result, at offset 0 of every partition, and recognisable as probes.
     */
    @Test
    void probesTheClusterWillNotDeleteStayMarkedAndCounted(EmbeddedKafka kafka) throws Exception {
        TopicSpec compacted = TopicSpec.of("probe-kept", 2).withConfigs(Map.of("cleanup.policy", "compact"));
        Topic created = Topics.create(kafka, compacted);

        assertThat(created).isEqualTo(new Topic("probe-kept", 2, true, 2));
        assertThat(earliestOffsets(kafka, "probe-kept", 2)).containsOnly(0L);
        List<ConsumerRecord<String, String>> read =
                TestClients.readAll(kafka.bootstrapServers(), "probe-kept", 2, WAIT);
        assertThat(read).hasSize(2).allMatch(KafkaSetup::isProbe).allSatisfy(r -> {
            assertThat(r.offset()).isZero();
            assertThat(r.key()).isEqualTo(KafkaSetup.PROBE_HEADER);
            assertThat(new String(
                            r.headers().lastHeader(KafkaSetup.PROBE_HEADER).value(), StandardCharsets.US_ASCII))
                    .isEqualTo("1");
        });
    }

    @Test
    void creatingAnExistingTopicFailsLoudly(EmbeddedKafka kafka) {
        Topics.create(kafka, "created-twice", 1);
        assertThatThrownBy(() -> Topics.create(kafka, "created-twice", 1))
                .isInstanceOf(KafkaSetupException.class)
                .hasMessage("topic 'created-twice' already exists at " + kafka.bootstrapServers()
                        + ": choose another name or delete it")
                .hasCauseInstanceOf(TopicExistsException.class);
        assertThatThrownBy(() -> Topics.create(kafka, "no-partitions", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was 0");
    }

    @Test
    void ensuringUsesAnExistingTopicAsItIsAndCreatesAMissingOne(EmbeddedKafka kafka) throws Exception {
        Topics.create(kafka, "ensure-existing", 2);
        try (KafkaSetup setup = Topics.connect(kafka)) {
            assertThat(setup.ensureTopic(TopicSpec.of("ensure-existing", 5)))
                    .isEqualTo(new Topic("ensure-existing", 2, false, 0));
            assertThat(setup.ensureTopic(TopicSpec.of("ensure-missing", 4)))
                    .isEqualTo(new Topic("ensure-missing", 4, true, 0));
            assertThat(setup.requireTopic("ensure-missing")).isEqualTo(new Topic("ensure-missing", 4, false, 0));
            assertThatThrownBy(() -> setup.requireTopic("never-made"))
                    .isInstanceOf(KafkaSetupException.class)
                    .hasMessage("topic 'never-made' does not exist at " + kafka.bootstrapServers()
                            + ": check the topic name, or produce to it first");
        }
        assertThat(earliestOffsets(kafka, "ensure-missing", 4)).containsOnly(1L);
        assertThat(earliestOffsets(kafka, "ensure-existing", 2)).containsOnly(1L); // not probed a second time
    }

    @Test
    void aTopicTheBrokerWillNotCreateIsAOneLineError(EmbeddedKafka kafka) {
        try (KafkaSetup setup = Topics.connect(kafka)) {
            assertThatThrownBy(
                            () -> setup.ensureTopic(TopicSpec.of("refused", 2).withReplicationFactor((short) 3)))
                    .isInstanceOf(KafkaSetupException.class)
                    .hasMessageStartingWith("topic 'refused' does not exist and creating it failed"
                            + " (InvalidReplicationFactorException: ")
                    .hasMessageEndingWith("): create it first, e.g. kafka-topics.sh --create --topic refused"
                            + " --partitions 2, or change the settings that were refused")
                    .message()
                    .doesNotContain("\n");
        }
    }

    @Test
    void anUnauthorisedCreationNamesTheTopicAndTheFix() {
        assertThat(AdminSetup.creationRefused("orders", 6, new TopicAuthorizationException("denied")))
                .isEqualTo("topic 'orders' does not exist and creating it failed (this client is not allowed to"
                        + " create topics): create it first, e.g. kafka-topics.sh --create --topic orders"
                        + " --partitions 6, or grant this principal CREATE on the cluster");
    }

    @Test
    void anUnreachableClusterIsAOneLineErrorAfterTheBoundedWait() throws Exception {
        String bootstrap = "127.0.0.1:" + freePort();
        KafkaConnection connection = KafkaConnection.of(bootstrap).withTimeout(Duration.ofMillis(1_500));
        long begin = System.nanoTime();
        assertThatThrownBy(() -> KafkaSetup.connect(connection))
                .isInstanceOf(KafkaSetupException.class)
                .hasMessage("cannot reach Kafka at " + bootstrap + " within 1500ms: check bootstrap.servers and that"
                        + " the broker is up");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(connection.timeout());
        assertThatThrownBy(() -> KafkaSetup.connect(KafkaConnection.of("no-port-here")
                        .withNames(new KafkaConnection.SettingNames("--bootstrap", "-P", "--topic"))))
                .isInstanceOf(KafkaSetupException.class)
                .hasMessage("cannot use Kafka bootstrap servers 'no-port-here': Invalid url in bootstrap.servers:"
                        + " no-port-here: check --bootstrap (host:port[,host:port...])");
    }

    @Test
    void specsAndConnectionsNameTheBadSetting() {
        assertThatThrownBy(() -> TopicSpec.of("bad topic!", 1))
                .hasMessage("topic must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), but was 'bad topic!'");
        assertThatThrownBy(() -> TopicSpec.of("t", 1).withReplicationFactor((short) 0))
                .hasMessage("replicationFactor must be >= 1, or -1 for the cluster's default, but was 0");
        assertThatThrownBy(() -> KafkaConnection.of(" "))
                .hasMessage("bootstrapServers must be host:port[,host:port...], but was ' '");
        assertThatThrownBy(() -> KafkaConnection.of("h:1").withTimeout(Duration.ZERO))
                .hasMessage("timeout must be in [PT0.001S, PT10M], but was PT0S");
    }

    private static List<Long> earliestOffsets(EmbeddedKafka kafka, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> earliest = IntStream.range(0, partitions)
                    .boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.earliest()));
            return admin.listOffsets(earliest).all().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).values().stream()
                    .map(info -> info.offset())
                    .toList();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again: nothing listens there
        }
    }
}
