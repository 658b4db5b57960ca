package io.pacer.analysis.action.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionLog;
import io.pacer.analysis.action.ActionRecord;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.ActionStatus;
import io.pacer.analysis.action.Actions;
import io.pacer.analysis.action.ActionsConfig;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.StalePlanException;
import io.pacer.embedded.EmbeddedKafka;
import io.pacer.kafka.KafkaConnection;
import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.TopicSpec;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.KafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kafka.topic-config} through {@link Actions} on a real broker: a value the topic inherited is planned with no
 * before (no override), applied as an override and reverted by deleting it, so the topic inherits again; an override
 * is reverted by setting it again; a plan whose override moved behind its back is refused and recorded; wrong
 * requests are refused before anything is shown, the broker validating the value.
 */
@ExtendWith(KafkaExtension.class)
class KafkaTopicConfigActionsTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    private MetricStore store;
    private Admin admin;
    private final ActionExecutor executor = KafkaExecutors.topicConfig(Duration.ofSeconds(15));

    @BeforeEach
    void open(EmbeddedKafka kafka) {
        store = MetricStore.open(StoreConfig.sqlite(dir));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterEach
    void close() {
        admin.close();
        store.close();
    }

    @Test
    void anInheritedValueIsOverriddenThenInheritedAgain(EmbeddedKafka kafka) throws Exception {
        String topic = topic(kafka, "actions-inherited");
        Actions actions = actions();
        ConfigEntry inherited = entry(topic, "retention.ms");
        assertThat(inherited.source()).isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);

        Plan plan = actions.plan(request(kafka, topic, "retention.ms", "3600000"), NOW);
        assertThat(plan.changes()).containsExactly(new Change("topic " + topic + ": retention.ms", null, "3600000"));
        assertThat(plan.summary())
                .contains("now " + inherited.value() + ", inherited from")
                .contains("revert deletes the override")
                .contains("not marked safe");
        assertThat(plan.safe()).as("retention deletes data").isFalse();
        assertThat(plan.verification().series()).isEqualTo("kafka.lag.records");
        assertThat(plan.verification().labels()).containsEntry("topic", topic);

        ActionRecord applied = actions.apply(plan.id(), "alice", NOW);
        assertThat(applied.status()).isEqualTo(ActionStatus.VERIFYING);
        assertThat(entry(topic, "retention.ms").value()).isEqualTo("3600000");
        assertThat(entry(topic, "retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);

        ActionRecord reverted = actions.revert(applied.id(), "bob", null, NOW.plusSeconds(5));
        assertThat(reverted.revertReason()).isEqualTo("reverted on request");
        ConfigEntry after = entry(topic, "retention.ms");
        assertThat(after.source()).isEqualTo(inherited.source());
        assertThat(after.value()).isEqualTo(inherited.value());
    }

    @Test
    void anOverrideIsSetAgainOnRevert(EmbeddedKafka kafka) throws Exception {
        String topic = topic(kafka, "actions-override");
        alter(topic, "segment.ms", "600000");
        Actions actions = actions();

        Plan plan = actions.plan(request(kafka, topic, "segment.ms", "300000"), NOW);
        assertThat(plan.changes()).containsExactly(new Change("topic " + topic + ": segment.ms", "600000", "300000"));
        assertThat(plan.safe()).isTrue();
        assertThat(plan.summary()).contains("revert sets 600000 again");
        ActionRecord applied = actions.apply(plan.id(), "alice", NOW);
        assertThat(entry(topic, "segment.ms").value()).isEqualTo("300000");
        actions.revert(applied.id(), "bob", "done", NOW.plusSeconds(5));
        assertThat(entry(topic, "segment.ms").value()).isEqualTo("600000");
        assertThat(entry(topic, "segment.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
    }

    @Test
    void aPlanWhoseOverrideMovedIsRefusedAndRecorded(EmbeddedKafka kafka) throws Exception {
        String topic = topic(kafka, "actions-stale");
        Actions actions = actions();
        Plan plan = actions.plan(request(kafka, topic, "max.message.bytes", "2097152"), NOW);
        assertThat(plan.safe()).as("raising the limit").isTrue();
        alter(topic, "max.message.bytes", "1500000"); // someone else, meanwhile

        assertThatThrownBy(() -> actions.apply(plan.id(), "alice", NOW.plusSeconds(1)))
                .isInstanceOf(StalePlanException.class)
                .hasMessageContaining("max.message.bytes was unset when planned")
                .hasMessageContaining("is '1500000' now");
        assertThat(entry(topic, "max.message.bytes").value()).isEqualTo("1500000");
        ActionRecord failed = actions.history(1).get(0);
        assertThat(failed.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(failed.error()).contains("is '1500000' now");

        // the executor itself refuses too, for a caller that skips the re-plan
        Plan again = executor.plan(request(kafka, topic, "max.message.bytes", "2097152"), NOW);
        alter(topic, "max.message.bytes", "1600000");
        assertThatThrownBy(() -> executor.apply(again))
                .isInstanceOf(StalePlanException.class)
                .hasMessageContaining("was '1500000' when planned")
                .hasMessageContaining("is '1600000' now");
        assertThat(entry(topic, "max.message.bytes").value()).isEqualTo("1600000");
    }

    @Test
    void wrongRequestsAreRefusedBeforeAnythingIsShown(EmbeddedKafka kafka) {
        String topic = topic(kafka, "actions-refused");
        assertThatThrownBy(() -> executor.plan(request(kafka, topic, "no.such.config", "1"), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'no.such.config' is not a topic config of " + topic + "; known: ")
                .hasMessageContaining("retention.ms");
        assertThatThrownBy(() -> executor.plan(request(kafka, topic, "retention.ms", "soon"), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the broker refuses retention.ms=soon for topic " + topic);
        assertThatThrownBy(() -> executor.plan(request(kafka, "actions-missing-topic", "retention.ms", "1"), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("topic actions-missing-topic does not exist");
        assertThatThrownBy(() -> executor.plan(
                        new ActionRequest(
                                "kafka.topic-config",
                                kafka.bootstrapServers(),
                                Map.of("topic", topic, "config", "segment.ms", "value", "1000", "key", "x")),
                        NOW))
                .hasMessageEndingWith("not: key");
        assertThatThrownBy(() -> executor.plan(
                        new ActionRequest(
                                "kafka.topic-config",
                                kafka.bootstrapServers(),
                                Map.of("topic", topic, "config", "segment.ms")),
                        NOW))
                .hasMessage("kafka.topic-config needs the parameter 'value'");
        String current = entryUnchecked(topic, "segment.ms").value();
        assertThatThrownBy(() -> executor.plan(request(kafka, topic, "segment.ms", current), NOW))
                .hasMessageContaining("nothing to change");
        assertThatThrownBy(() -> actions().plan(new ActionRequest("kafka.broker", "x:1", Map.of()), NOW))
                .hasMessage("unknown action kind 'kafka.broker'; known: kafka.topic-config");
    }

    @Test
    void safeIsAFewHarmlessConfigsOrALargerMessageLimit() {
        assertThat(KafkaTopicConfigExecutor.safe("compression.type", "producer", "lz4"))
                .isTrue();
        assertThat(KafkaTopicConfigExecutor.safe("max.message.bytes", "1048588", "2097152"))
                .isTrue();
        assertThat(KafkaTopicConfigExecutor.safe("max.message.bytes", "1048588", "1000"))
                .isFalse();
        assertThat(KafkaTopicConfigExecutor.safe("retention.ms", "604800000", "1000"))
                .isFalse();
        assertThat(KafkaTopicConfigExecutor.safe("min.insync.replicas", "1", "2"))
                .isFalse();
        assertThat(KafkaTopicConfigExecutor.safe("cleanup.policy", "delete", "compact"))
                .isFalse();
    }

    private Actions actions() {
        return Actions.create(ActionsConfig.ofDefaults(), List.of(executor), ActionLog.inMemory(), store, List::of);
    }

    private static ActionRequest request(EmbeddedKafka kafka, String topic, String config, String value) {
        return new ActionRequest(
                "kafka.topic-config",
                kafka.bootstrapServers(),
                Map.of("topic", topic, "config", config, "value", value));
    }

    private static String topic(EmbeddedKafka kafka, String prefix) {
        String name = prefix + "-" + System.nanoTime();
        try (KafkaSetup setup = KafkaSetup.connect(KafkaConnection.of(kafka.bootstrapServers()))) {
            setup.createTopic(TopicSpec.of(name, 1));
        }
        return name;
    }

    private ConfigEntry entry(String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get(15, TimeUnit.SECONDS)
                .get(resource)
                .get(name);
    }

    private ConfigEntry entryUnchecked(String topic, String name) {
        try {
            return entry(topic, name);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void alter(String topic, String name, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(
                        resource, List.of(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET))))
                .all()
                .get(15, TimeUnit.SECONDS);
    }
}
