package io.pacer.verdict.readiness;

import static io.pacer.verdict.readiness.Snapshots.input;
import static io.pacer.verdict.readiness.Snapshots.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.kafka.TopicSpec;
import io.pacer.testing.Await;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.Topics;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The cluster reader and the cluster rules against a real (single-node, embedded) broker. */
@ExtendWith(KafkaExtension.class)
class ClusterSnapshotsLiveTest {

    /** Generous: a shared, busy test machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    @Test
    void readsBrokersTopicsAndSizesAndFlagsADeliberatelyThinTopic(EmbeddedKafka kafka) {
        String thin = "rl-thin-" + RUN;
        Topics.create(
                kafka,
                TopicSpec.of(thin, 3)
                        .withConfigs(Map.of("min.insync.replicas", "1", "unclean.leader.election.enable", "true")));

        ClusterSnapshot c = ClusterSnapshots.read(kafka.bootstrapServers(), null, TIMEOUT);

        assertThat(c.bootstrap()).isEqualTo(kafka.bootstrapServers());
        assertThat(c.brokers()).singleElement().satisfies(b -> {
            assertThat(b.configs()).containsKey("listeners").containsEntry("min.insync.replicas", "1");
            assertThat(b.logDirBytesFree()).isNotEmpty();
            b.logDirBytesFree()
                    .forEach((dir, free) -> assertThat(free)
                            .isPositive()
                            .isLessThanOrEqualTo(b.logDirBytesTotal().get(dir)));
        });
        int broker = c.brokers().get(0).id();
        ClusterSnapshot.Topic t = c.topics().stream()
                .filter(x -> x.name().equals(thin))
                .findFirst()
                .orElseThrow();
        assertThat(t.replicationFactor()).isEqualTo(1);
        assertThat(t.configs())
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("unclean.leader.election.enable", "true")
                .containsKey("retention.bytes");
        assertThat(t.partitions()).hasSize(3).allSatisfy(p -> {
            assertThat(p.leader()).isEqualTo(broker);
            assertThat(p.replicas()).containsExactly(broker);
            assertThat(p.sizeBytes()).isNotNegative();
        });

        List<Finding> findings = new ClusterRules().check(input(Environment.PRODUCTION, c, List.of(thin)));
        assertThat(findings)
                .extracting(Finding::ruleId)
                .containsExactlyInAnyOrder(
                        "cluster.replication-factor", "cluster.min-insync-replicas", "cluster.unclean-leader-election");
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("topic " + thin));
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
        assertThat(only(findings, "cluster.unclean-leader-election").get(0).fix())
                .isEqualTo("kafka-configs.sh --bootstrap-server " + kafka.bootstrapServers() + " --entity-type topics"
                        + " --entity-name " + thin + " --alter --add-config unclean.leader.election.enable=false");
        assertThat(only(findings, "cluster.replication-factor").get(0).fix())
                .startsWith("the cluster has 1 broker(s), too few for replication factor 3: add brokers");
    }

    @Test
    void minInsyncAboveTheReplicaCountIsCappedAsTheRuleSays(EmbeddedKafka kafka) throws Exception {
        String capped = "rl-capped-" + RUN;
        Topics.create(
                kafka,
                TopicSpec.of(capped, 1)
                        .withReplicationFactor((short) 1)
                        .withConfigs(Map.of("min.insync.replicas", "2")));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
            // the broker counts min.insync.replicas=2 as 1 on a one-replica topic: acks=all is acknowledged
            assertThat(producer.send(new ProducerRecord<>(capped, new byte[10]))
                            .get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                            .offset())
                    .isNotNegative();
        }
        ClusterSnapshot c = ClusterSnapshots.read(kafka.bootstrapServers(), null, TIMEOUT);
        List<Finding> findings = new ClusterRules().check(input(Environment.PRODUCTION, c, List.of(capped)));
        assertThat(findings)
                .extracting(Finding::ruleId)
                .containsExactlyInAnyOrder("cluster.replication-factor", "cluster.min-insync-replicas");
        assertThat(only(findings, "cluster.min-insync-replicas").get(0).why())
                .endsWith("The broker counts min.insync.replicas=2 as 1: the topic has no more replicas.");
    }

    @Test
    void theEmbeddedBrokersDefaultsAndItsOffsetsTopic(EmbeddedKafka kafka) throws Exception {
        String topic = "rl-offsets-" + RUN;
        Topics.create(kafka, topic, 1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // a committed offset: the broker creates __consumer_offsets if no group has yet
            admin.alterConsumerGroupOffsets(
                            "rl-commit-" + RUN, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)))
                    .all()
                    .get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        ClusterSnapshot c = ClusterSnapshots.read(kafka.bootstrapServers(), null, TIMEOUT);
        assertThat(c.topics())
                .filteredOn(t -> t.name().equals("__consumer_offsets"))
                .singleElement()
                .satisfies(t -> assertThat(t.replicationFactor()).isEqualTo(1));
        List<Finding> findings = new ClusterDefaultsRules().check(input(Environment.PRODUCTION, c));
        assertThat(findings)
                .extracting(Finding::ruleId)
                .contains("cluster.auto-create-topics", "cluster.internal-topic-replication")
                .doesNotContain("cluster.weak-topic-defaults"); // one broker: replication 1 is all it can give
        // the topic rules leave the internal topics alone unless they are named
        assertThat(new ClusterRules().check(input(Environment.PRODUCTION, c)))
                .allSatisfy(f -> assertThat(f.title()).doesNotContain("__consumer_offsets"));
    }

    @Test
    void aHotKeyShowsAsPartitionSkew(EmbeddedKafka kafka) {
        String hot = "rl-hot-" + RUN;
        Topics.create(kafka, hot, 3);
        byte[] value = new byte[2048];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < 1000; i++) {
                producer.send(new ProducerRecord<>(hot, "the-hot-key".getBytes(), value));
            }
            producer.flush();
        }
        ClusterBalanceRules rules = new ClusterBalanceRules(1L << 30, 512 * 1024);
        Await.until(
                TIMEOUT,
                "the hot partition is seen in describeLogDirs",
                () -> !only(
                                rules.check(input(
                                        Environment.PRODUCTION,
                                        ClusterSnapshots.read(kafka.bootstrapServers(), null, TIMEOUT),
                                        List.of(hot))),
                                "cluster.partition-skew")
                        .isEmpty());
        ClusterSnapshot c = ClusterSnapshots.read(kafka.bootstrapServers(), null, TIMEOUT);
        Finding f = only(rules.check(input(Environment.PRODUCTION, c, List.of(hot))), "cluster.partition-skew")
                .get(0);
        ClusterSnapshot.Partition largest = c.topics().stream()
                .filter(t -> t.name().equals(hot))
                .flatMap(t -> t.partitions().stream())
                .max(java.util.Comparator.comparingLong(ClusterSnapshot.Partition::sizeBytes))
                .orElseThrow();
        assertThat(largest.sizeBytes()).isGreaterThan(1000L * value.length);
        assertThat(f.evidence().get(0).where()).isEqualTo("partition " + hot + "-" + largest.partition());
    }

    @Test
    @Timeout(90)
    void idleMembersOfARealConsumerGroup(EmbeddedKafka kafka) throws Exception {
        String topic = "rl-group-" + RUN;
        String group = "rl-idle-" + RUN;
        Topics.create(kafka, topic, 2);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread member = new Thread(() -> {
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        group,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class))) {
                    consumer.subscribe(List.of(topic));
                    while (!stop.get()) {
                        consumer.poll(Duration.ofMillis(100));
                    }
                }
            });
            member.start();
            members.add(member);
        }
        try {
            Await.until(
                    Duration.ofSeconds(60),
                    "group " + group + " is stable with 3 members, one of them idle",
                    () -> ClusterSnapshots.read(kafka.bootstrapServers(), null, TIMEOUT).groups().stream()
                            .filter(g -> g.groupId().equals(group))
                            .findFirst()
                            .orElse(null),
                    g -> g != null && g.members() == 3 && g.idleMembers() == 1,
                    () -> "");
            ClusterSnapshot c = ClusterSnapshots.read(kafka.bootstrapServers(), null, TIMEOUT);
            assertThat(c.groups())
                    .filteredOn(g -> g.groupId().equals(group))
                    .singleElement()
                    .satisfies(g -> {
                        assertThat(g.state()).isEqualToIgnoringCase("stable");
                        assertThat(g.topics()).containsExactly(topic);
                    });
            List<Finding> findings = only(
                    new ClusterRules().check(input(Environment.STAGING, c, List.of(topic))), "cluster.idle-consumers");
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.title()).isEqualTo("group " + group + " has 1 idle consumer(s)");
                assertThat(f.evidence()).contains(new Evidence("2 partitions", "topic " + topic));
                assertThat(f.fix()).endsWith("--alter --topic " + topic + " --partitions 3");
            });
        } finally {
            stop.set(true);
            for (Thread member : members) {
                member.join(TIMEOUT.toMillis());
            }
        }
    }

    @Test
    void theEmbeddedBrokerIsPlaintextWithoutAuthorizer(EmbeddedKafka kafka) {
        ClusterSnapshot c = ClusterSnapshots.read(kafka.bootstrapServers(), null, TIMEOUT);
        List<Finding> production = new BrokerSecurityRules().check(input(Environment.PRODUCTION, c));
        assertThat(production)
                .extracting(Finding::ruleId, Finding::severity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("security.broker-plaintext-listener", Severity.CRITICAL),
                        org.assertj.core.groups.Tuple.tuple("security.broker-no-authorizer", Severity.CRITICAL));
        assertThat(only(production, "security.broker-plaintext-listener").get(0).evidence())
                .containsExactly(new Evidence(
                        "listener PLAINTEXT uses PLAINTEXT",
                        "broker " + c.brokers().get(0).id()));
        assertThat(new BrokerSecurityRules().check(input(Environment.DEVELOPMENT, c)))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void anUnreachableClusterFailsWithinTheTimeoutInOneLine() throws Exception {
        String bootstrap = "127.0.0.1:" + freePort();
        Duration timeout = Duration.ofSeconds(2);
        long begin = System.nanoTime();
        assertThatThrownBy(() -> ClusterSnapshots.read(bootstrap, null, timeout))
                .isInstanceOf(ReadinessSetupException.class)
                .hasMessage("cannot reach Kafka at " + bootstrap + " within 2s: check --bootstrap and that the broker"
                        + " is up");
        // bounded by the timeout (plus the admin client's close), not by Kafka's own minute of retries
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(timeout.plusSeconds(8));
        assertThat(ClusterSnapshots.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aMissingCommandConfigIsNamed(@TempDir Path dir) {
        Path absent = dir.resolve("admin.properties");
        assertThatThrownBy(() -> ClusterSnapshots.read("127.0.0.1:9092", absent, TIMEOUT))
                .isInstanceOf(ReadinessSetupException.class)
                .hasMessage("--command-config " + absent + " does not exist: give the client properties file with the"
                        + " cluster's security settings");
    }

    @Test
    void theCommandConfigsSettingsReachTheClient(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        Path config = Files.writeString(
                dir.resolve("admin.properties"), "# the cluster's security settings\n" + "security.protocol=SSL\n");
        Duration timeout = Duration.ofSeconds(2);
        // a TLS client against a plaintext listener never completes a handshake: proof the file was used
        long begin = System.nanoTime();
        assertThatThrownBy(() -> ClusterSnapshots.read(kafka.bootstrapServers(), config, timeout))
                .isInstanceOf(ReadinessSetupException.class)
                .hasMessage("cannot reach Kafka at " + kafka.bootstrapServers() + " within 2s: check --bootstrap and"
                        + " that the broker is up");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(timeout.plusSeconds(8));
        assertThat(ClusterSnapshots.commandConfig(config)).containsExactly(Map.entry("security.protocol", "SSL"));
        assertThatThrownBy(() -> ClusterSnapshots.readWith(
                        kafka.bootstrapServers(), Map.of("security.protocol", "SSL"), timeout))
                .isInstanceOf(ReadinessSetupException.class)
                .hasMessageStartingWith("cannot reach Kafka at " + kafka.bootstrapServers() + " within 2s");
        assertThat(ClusterSnapshots.readWith(kafka.bootstrapServers(), Map.of("client.id", "readiness-test"), TIMEOUT)
                        .brokers())
                .hasSize(1);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again: nothing listens there
        }
    }
}
