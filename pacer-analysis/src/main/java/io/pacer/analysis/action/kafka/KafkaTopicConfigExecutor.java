package io.pacer.analysis.action.kafka;

import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.StalePlanException;
import io.pacer.analysis.action.Verification;
import io.pacer.internal.Check;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * {@code kafka.topic-config} ({@link KafkaExecutors#topicConfig}). What a plan changes is the topic's override: its
 * {@link Change#before()} is the override the topic had, or null when it had none and inherited the broker's value —
 * exactly what revert restores (set again, or delete). Each call uses one admin client, closed after it.
 */
final class KafkaTopicConfigExecutor implements ActionExecutor {

    static final String KIND = "kafka.topic-config";
    static final Set<String> PARAMETERS = Set.of("topic", "config", "value");
    static final Set<String> SAFE = Set.of("compression.type", "segment.ms", "segment.bytes");
    static final String MAX_MESSAGE_BYTES = "max.message.bytes";

    private final Duration timeout;

    KafkaTopicConfigExecutor(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Plan plan(ActionRequest request, Instant now) {
        String unknown = new TreeSet<>(request.parameters().keySet())
                .stream().filter(p -> !PARAMETERS.contains(p)).collect(Collectors.joining(", "));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "kafka.topic-config takes the parameters 'topic', 'config' and 'value', not: " + unknown);
        }
        String topic = Check.topicName("topic", required(request, "topic"));
        String name = required(request, "config");
        String value = required(request, "value");
        try (Admin admin = admin(request)) {
            ConfigEntry entry = entry(admin, request, topic, name);
            String before = override(entry);
            if (value.equals(entry.value())) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "topic %s has %s=%s already (%s); nothing to change",
                        topic,
                        name,
                        value,
                        before == null ? "inherited from " + describe(entry.source()) : "its override"));
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            try {
                await(
                        request,
                        "validating " + name + "=" + value,
                        admin.incrementalAlterConfigs(
                                        Map.of(
                                                resource,
                                                List.of(new AlterConfigOp(
                                                        new ConfigEntry(name, value), AlterConfigOp.OpType.SET))),
                                        new AlterConfigsOptions().validateOnly(true))
                                .all());
            } catch (BrokerRefusal e) {
                throw new IllegalArgumentException(
                        "the broker refuses " + name + "=" + value + " for topic " + topic + ": " + e.getMessage(), e);
            }
            List<Change> changes = List.of(new Change(setting(topic, name), before, value));
            boolean safe = safe(name, entry.value(), value);
            String summary = String.format(
                    Locale.ROOT,
                    "set %s=%s on topic %s (now %s, %s); revert %s%s",
                    name,
                    value,
                    topic,
                    entry.value(),
                    before == null ? "inherited from " + describe(entry.source()) : "the topic's override",
                    before == null ? "deletes the override" : "sets " + before + " again",
                    safe ? "" : " — not marked safe: review it before applying");
            return new Plan(
                    Plan.idOf(request, changes),
                    request,
                    summary,
                    changes,
                    safe,
                    new Verification(
                            "kafka.lag.records",
                            Map.of("topic", topic),
                            false,
                            Verification.DEFAULT_WINDOW,
                            Verification.DEFAULT_TOLERANCE),
                    now);
        }
    }

    @Override
    public void apply(Plan plan) {
        ActionRequest request = plan.request();
        Change change = plan.changes().get(0);
        String topic = request.parameters().get("topic");
        String name = request.parameters().get("config");
        try (Admin admin = admin(request)) {
            String now = override(entry(admin, request, topic, name));
            if (!Objects.equals(now, change.before())) {
                throw new StalePlanException(String.format(
                        Locale.ROOT,
                        "%s was %s when planned at %s but is %s now; nothing was changed, plan again",
                        change.setting(),
                        shown(change.before()),
                        plan.plannedAt(),
                        shown(now)));
            }
            alter(
                    admin,
                    request,
                    topic,
                    new AlterConfigOp(new ConfigEntry(name, change.after()), AlterConfigOp.OpType.SET));
        }
    }

    @Override
    public void revert(Plan plan) {
        ActionRequest request = plan.request();
        Change change = plan.changes().get(0);
        String topic = request.parameters().get("topic");
        String name = request.parameters().get("config");
        AlterConfigOp op = change.before() == null
                ? new AlterConfigOp(new ConfigEntry(name, null), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(name, change.before()), AlterConfigOp.OpType.SET);
        try (Admin admin = admin(request)) {
            alter(admin, request, topic, op);
        }
    }

    /** Safe unattended: a config of {@link #SAFE}, or raising {@code max.message.bytes}. */
    static boolean safe(String name, String current, String value) {
        if (SAFE.contains(name)) {
            return true;
        }
        if (!name.equals(MAX_MESSAGE_BYTES)) {
            return false;
        }
        try {
            return Long.parseLong(value) > Long.parseLong(current);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void alter(Admin admin, ActionRequest request, String topic, AlterConfigOp op) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            await(
                    request,
                    "altering topic " + topic,
                    admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all());
        } catch (BrokerRefusal e) {
            throw new IllegalStateException(
                    "Kafka at " + request.target() + " refused to change topic " + topic + " ("
                            + op.configEntry().name() + "): " + e.getMessage(),
                    e);
        }
    }

    private ConfigEntry entry(Admin admin, ActionRequest request, String topic, String name) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config;
        try {
            config = await(
                            request,
                            "describing topic " + topic,
                            admin.describeConfigs(List.of(resource)).all())
                    .get(resource);
        } catch (BrokerRefusal e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalArgumentException("topic " + topic + " does not exist on " + request.target(), e);
            }
            throw new IllegalStateException(
                    "Kafka at " + request.target() + " refused to describe topic " + topic + ": " + e.getMessage(), e);
        }
        ConfigEntry entry = config.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not a topic config of " + topic + "; known: " + names(config.entries()));
        }
        if (entry.isReadOnly()) {
            throw new IllegalArgumentException(
                    "topic config " + name + " is read-only (Kafka marks it so); it cannot be changed at run time");
        }
        if (entry.isSensitive()) {
            throw new IllegalArgumentException(
                    "topic config " + name + " is sensitive: Pacer does not plan changes it could not show");
        }
        return entry;
    }

    /** The topic's own override, or null when the value is inherited (broker setting or default). */
    private static String override(ConfigEntry entry) {
        return entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG ? entry.value() : null;
    }

    private static String describe(ConfigEntry.ConfigSource source) {
        return switch (source) {
            case DEFAULT_CONFIG -> "Kafka's default";
            case STATIC_BROKER_CONFIG -> "the broker's server.properties";
            case DYNAMIC_BROKER_CONFIG, DYNAMIC_DEFAULT_BROKER_CONFIG -> "the brokers' dynamic config";
            default -> source.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String names(Collection<ConfigEntry> entries) {
        return entries.stream().map(ConfigEntry::name).sorted().collect(Collectors.joining(", "));
    }

    private static String shown(String override) {
        return override == null ? "not overridden" : "'" + override + "'";
    }

    private static String setting(String topic, String name) {
        return "topic " + topic + ": " + name;
    }

    private static String required(ActionRequest request, String name) {
        String value = request.parameters().get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("kafka.topic-config needs the parameter '" + name + "'");
        }
        return value.strip();
    }

    private Admin admin(ActionRequest request) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, request.target());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "pacer-actions");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try {
            return Admin.create(config);
        } catch (KafkaException e) {
            throw new IllegalArgumentException(
                    "kafka target must be bootstrap servers (host:port,...), but was '" + request.target() + "': "
                            + e.getMessage(),
                    e);
        }
    }

    /** The broker's answer, or {@link BrokerRefusal} carrying its error; unreachable is an IllegalStateException. */
    private <T> T await(ActionRequest request, String what, KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka at " + request.target() + " did not answer within " + timeout + " while " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException && !(cause instanceof RetriableException)
                    || cause instanceof UnknownTopicOrPartitionException) {
                throw new BrokerRefusal(cause);
            }
            throw new IllegalStateException(
                    "Kafka at " + request.target() + " failed while " + what + ": " + cause, cause);
        }
    }

    /** The broker answered with an error (a refusal, not an outage). */
    private static final class BrokerRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrokerRefusal(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
