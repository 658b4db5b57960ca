package io.pacer.load.distributed;

import io.pacer.internal.Check;

/**
 * Where workers and coordinators meet: a Kafka cluster and a control topic. Results travel on the control topic's
 * name plus {@value #RESULTS_SUFFIX}. Both topics have one partition and are created, when absent, with the same
 * safe-topic handling the drivers use ({@code io.pacer.kafka.KafkaSetup}); nothing else is written.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param controlTopic     heartbeats and work ({@value #DEFAULT_CONTROL_TOPIC} by default)
 */
public record ControlSettings(String bootstrapServers, String controlTopic) {

    public static final String DEFAULT_CONTROL_TOPIC = "pacer.control";
    public static final String RESULTS_SUFFIX = ".results";

    public ControlSettings {
        bootstrapServers = Check.notBlank("bootstrapServers", bootstrapServers, "host:port[,host:port...]")
                .trim();
        Check.topicName("controlTopic", controlTopic);
        Check.topicName("controlTopic + " + RESULTS_SUFFIX, controlTopic + RESULTS_SUFFIX);
    }

    public static ControlSettings of(String bootstrapServers) {
        return new ControlSettings(bootstrapServers, DEFAULT_CONTROL_TOPIC);
    }

    /** Where workers send intervals and results. */
    public String resultsTopic() {
        return controlTopic + RESULTS_SUFFIX;
    }
}
