package io.pacer.monitor.live;

import io.pacer.monitor.Collector;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.alert.DefaultRules;
import io.pacer.monitor.alert.Notifier;
import io.pacer.monitor.alert.WebhookConfig;
import io.pacer.monitor.collect.Collectors;
import io.pacer.monitor.collect.TargetsConfig;
import io.pacer.monitor.kafka.KafkaLagCollector;
import io.pacer.monitor.kafka.KafkaLagSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The wiring {@code pacer monitor} and {@code pacer serve} share, so that both watch the same things the same way: the
 * collectors a {@link TargetsConfig} asks for (Kafka's included), the rules in force when none are given, and the
 * notifiers of a rule file's webhooks.
 */
public final class MonitorSetup {

    /** The shortest bound on one Kafka admin request. */
    static final Duration MIN_KAFKA_TIMEOUT = Duration.ofMillis(100);

    private MonitorSetup() {}

    /** Every collector {@code targets} asks for: {@link Collectors#of} plus a lag collector per Kafka cluster. */
    public static List<Collector> collectors(TargetsConfig targets) {
        List<Collector> collectors = new ArrayList<>(Collectors.of(targets));
        for (String bootstrap : targets.kafka()) {
            collectors.add(kafka(bootstrap, targets));
        }
        return collectors;
    }

    /** The lag collector of one Kafka cluster, on {@code targets}' interval and timeout. */
    public static KafkaLagCollector kafka(String bootstrap, TargetsConfig targets) {
        return KafkaLagCollector.create(kafkaSettings(bootstrap, targets));
    }

    /**
     * Every group, each admin request bounded by four fifths of the collection's timeout: an AdminClient retries a
     * dead broker until its own bound, so that bound must be the shorter one for the reason to name the broker.
     */
    public static KafkaLagSettings kafkaSettings(String bootstrap, TargetsConfig targets) {
        KafkaLagSettings defaults = KafkaLagSettings.of(bootstrap).withInterval(targets.interval());
        Duration limit = targets.timeout().compareTo(targets.interval()) < 0 ? targets.timeout() : targets.interval();
        Duration bound = limit.multipliedBy(4).dividedBy(5);
        bound = bound.compareTo(MIN_KAFKA_TIMEOUT) < 0 ? MIN_KAFKA_TIMEOUT : bound;
        return new KafkaLagSettings(
                defaults.bootstrapServers(),
                defaults.clientProperties(),
                defaults.interval(),
                defaults.groups(),
                defaults.intervals(),
                defaults.allowedLag(),
                bound.compareTo(defaults.timeout()) < 0 ? bound : defaults.timeout());
    }

    /** {@code rules} when there are any, else seed 000's stream targets and the Kafka lag rule. */
    public static List<AlertRule> rulesOrDefaults(List<AlertRule> rules) {
        if (!rules.isEmpty()) {
            return List.copyOf(rules);
        }
        List<AlertRule> defaults = new ArrayList<>(DefaultRules.stream());
        defaults.addAll(DefaultRules.kafkaLag());
        return defaults;
    }

    /** The log, then one notifier per webhook; the caller closes them. */
    public static List<Notifier> notifiers(List<WebhookConfig> webhooks) {
        List<Notifier> notifiers = new ArrayList<>();
        notifiers.add(Notifier.log());
        for (WebhookConfig hook : webhooks) {
            notifiers.add(Notifier.webhook(hook));
        }
        return notifiers;
    }
}
