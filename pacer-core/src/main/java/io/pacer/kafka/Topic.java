package io.pacer.kafka;

/**
 * A topic {@link KafkaSetup} found or made ready.
 *
 * @param name       the topic
 * @param partitions its partition count (an existing topic's own, whatever was asked for)
 * @param created    whether this call created it (and so probed it)
 * @param probesLeft probe records the cluster would not delete and that stay at the start of their partitions,
 *                   marked as probes ({@link KafkaSetup#isProbe}); 0 when deletion succeeded or nothing was probed
 */
public record Topic(String name, int partitions, boolean created, int probesLeft) {}
