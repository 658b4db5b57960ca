package io.pacer.kafka;

import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The Kafka setup every part of Pacer does before it produces or consumes: the cluster answers within a bounded
 * wait, a topic exists or is created, and a created topic is safe for idempotent producers the moment this
 * returns. Every failure is a {@link KafkaSetupException} with a one-line message naming the problem and the fix.
 *
 * <pre>{@code
 * try (KafkaSetup setup = KafkaSetup.connect(KafkaConnection.of("127.0.0.1:9092"))) {
 *     Topic orders = setup.ensureTopic(TopicSpec.of("orders", 6));  // created, led, probed; or found as it is
 * }
 * }</pre>
 *
 * <p>A created topic is probed: once every partition has a leader, a non-idempotent producer ({@code acks=all})
 * writes one probe record to each partition, and only when all are acknowledged does creation return. Without
 * that, an idempotent producer (Kafka's default) writing to a just-created multi-partition topic was seen to fail
 * with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until its delivery timeout (the KAFKA-15591 family): a partition's
 * leader takes writes a little after the metadata names it. A probe record has the key and the header
 * {@value #PROBE_HEADER}.
 *
 * <p>The deletion rule, the same for every caller: the probe records are then always deleted
 * ({@code Admin.deleteRecords}) and the deletion is awaited, so every partition of a new topic normally starts at
 * offset 1 and consumers never see a probe. If the cluster refuses the deletion (no DELETE permission, a compacted
 * topic, a timeout), creation still succeeds: the probes stay, {@link Topic#probesLeft()} says how many, and
 * Pacer's own end-to-end accounting ignores them ({@link #isProbe}). Only creation probes: a topic that existed is
 * used as it is.
 *
 * <p>Not thread-safe; connect, set up, close. Needs {@code kafka-clients} on the class path (an optional
 * dependency of pacer-core).
 */
public interface KafkaSetup extends AutoCloseable {

    /** Key and header name of a probe record. */
    String PROBE_HEADER = "pacer-probe";

    /**
     * Connects an admin client and waits (up to {@link KafkaConnection#timeout()}) for the cluster to answer.
     *
     * @throws KafkaSetupException when the address is invalid, the cluster does not answer in time or refuses
     *     this client
     */
    static KafkaSetup connect(KafkaConnection connection) {
        return AdminSetup.connect(connection);
    }

    /**
     * Returns {@code spec}'s topic: as it is when it exists (whatever its partitions), else created from
     * {@code spec}, led and probed (see the class notes). A topic another client creates at the same moment is
     * led and probed too.
     *
     * @throws KafkaSetupException when the topic cannot be described or created, or does not take writes in time
     */
    Topic ensureTopic(TopicSpec spec);

    /**
     * Creates {@code spec}'s topic, led and probed.
     *
     * @throws KafkaSetupException when it exists already (the cause is Kafka's {@code TopicExistsException}), or
     *     as {@link #ensureTopic}
     */
    Topic createTopic(TopicSpec spec);

    /**
     * Returns the existing topic {@code name}.
     *
     * @throws KafkaSetupException when it does not exist or cannot be described
     */
    Topic requireTopic(String name);

    /** Closes the admin client. */
    @Override
    void close();

    /** Whether {@code record} is a probe record: its key or a header is {@value #PROBE_HEADER}. */
    static boolean isProbe(ConsumerRecord<?, ?> record) {
        Object key = record.key();
        return record.headers().lastHeader(PROBE_HEADER) != null
                || PROBE_HEADER.equals(key)
                || key instanceof byte[] bytes && Arrays.equals(bytes, TopicProbe.KEY);
    }
}
