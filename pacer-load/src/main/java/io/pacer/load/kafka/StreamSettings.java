package io.pacer.load.kafka;

import io.pacer.internal.Check;
import io.pacer.load.Slice;
import java.util.Map;
import java.util.Objects;

/**
 * The end-to-end stream test ({@link KafkaDrivers#stream}): each operation writes one record with a unique id to
 * {@code inputTopic}; the operation completes when a record with that id is first read back from
 * {@code outputTopic}, whatever the {@code processor} in between did to it.
 *
 * @param bootstrapServers   {@code host:port[,host:port...]}
 * @param inputTopic         written by Pacer; created with {@code partitions} if absent
 * @param outputTopic        written by the processor, read by Pacer; created with {@code partitions} if absent
 * @param partitions         partitions of a topic this run creates
 * @param recordSize         value bytes per input record (random letters A–Z)
 * @param processor          what runs between the topics
 * @param producerProperties producer settings (Pacer's input producer and the built-in processor's); override
 *                           Pacer's defaults {@code acks=all}, {@code linger.ms=0}
 * @param consumerProperties consumer settings (Pacer's output consumer and the built-in processor's)
 * @param slice              the ids this generator issues and accounts for ({@link Slice#WHOLE} in a run of one
 *                           process): its output reader ignores records of other slices, its built-in processor
 *                           forwards only its own, so several workers on the same topics account every id once
 */
public record StreamSettings(
        String bootstrapServers,
        String inputTopic,
        String outputTopic,
        int partitions,
        int recordSize,
        Processor processor,
        Map<String, String> producerProperties,
        Map<String, String> consumerProperties,
        Slice slice) {

    public static final int DEFAULT_PARTITIONS = 3;
    public static final int DEFAULT_RECORD_SIZE = 100;

    public StreamSettings {
        bootstrapServers = Check.notBlank("bootstrapServers", bootstrapServers, "host:port[,host:port...]")
                .trim();
        Check.topicName("inputTopic", inputTopic);
        Check.topicName("outputTopic", outputTopic);
        Check.argument(
                !inputTopic.equals(outputTopic),
                "inputTopic and outputTopic must differ, but both were '" + inputTopic + "'");
        Check.range("partitions", partitions, 1, KafkaProduceSettings.MAX_PARTITIONS);
        Check.range("recordSize", recordSize, 1, KafkaProduceSettings.MAX_RECORD_SIZE);
        Objects.requireNonNull(processor, "processor");
        producerProperties = Check.stringMap("producerProperties", producerProperties);
        consumerProperties = Check.stringMap("consumerProperties", consumerProperties);
        Objects.requireNonNull(slice, "slice");
    }

    /** Settings of a run of one process: every id is its own. */
    public StreamSettings(
            String bootstrapServers,
            String inputTopic,
            String outputTopic,
            int partitions,
            int recordSize,
            Processor processor,
            Map<String, String> producerProperties,
            Map<String, String> consumerProperties) {
        this(
                bootstrapServers,
                inputTopic,
                outputTopic,
                partitions,
                recordSize,
                processor,
                producerProperties,
                consumerProperties,
                Slice.WHOLE);
    }

    public StreamSettings withSlice(Slice newSlice) {
        return new StreamSettings(
                bootstrapServers,
                inputTopic,
                outputTopic,
                partitions,
                recordSize,
                processor,
                producerProperties,
                consumerProperties,
                newSlice);
    }

    /** Default partitions and record size, no extra client properties. */
    public static StreamSettings of(
            String bootstrapServers, String inputTopic, String outputTopic, Processor processor) {
        return new StreamSettings(
                bootstrapServers,
                inputTopic,
                outputTopic,
                DEFAULT_PARTITIONS,
                DEFAULT_RECORD_SIZE,
                processor,
                Map.of(),
                Map.of());
    }

    public StreamSettings withPartitions(int newPartitions) {
        return new StreamSettings(
                bootstrapServers,
                inputTopic,
                outputTopic,
                newPartitions,
                recordSize,
                processor,
                producerProperties,
                consumerProperties,
                slice);
    }
}
