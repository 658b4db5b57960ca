package io.pacer.load.kafka;

import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.KafkaSetupException;
import io.pacer.kafka.TopicSpec;
import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.LoadSetupException;
import io.pacer.load.Outcome;
import io.pacer.load.RecordAccounting;
import io.pacer.load.Slice;
import io.pacer.time.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongToIntFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The end-to-end stream test. Each operation registers its id ({@link Call#sequence()}) with {@link Arrivals} and
 * writes one record to the input topic: key = the id in decimal ASCII, header {@value #INTENDED_START_HEADER} = the
 * operation's intended start in epoch microseconds (decimal ASCII), value = random letters. A polling thread reads
 * the output topic and completes the operation when its id first arrives, so the engine measures end to end from
 * the intended start. Every id is accounted for ({@link #accounting()}): lost, duplicated or unknown.
 *
 * <p>{@link #open()} positions the output reader (and the built-in processor's input reader) at the end of its
 * topic before anything is produced, so records of earlier runs are never counted.
 */
final class StreamDriver implements Driver {

    /** Header carrying the intended start, for a user's service or external correlation. */
    static final String INTENDED_START_HEADER = "pacer-intended-start-us";

    private final StreamSettings settings;
    private final Ticker ticker;
    private final Arrivals arrivals = new Arrivals();
    private final LongAdder produced = new LongAdder();
    private Payloads payloads;
    private long anchorNanos;
    private long anchorEpochMicros;
    private PollingThread outputReader;
    private BuiltInProcessor processor;
    private Producer<byte[], byte[]> producer;

    StreamDriver(StreamSettings settings, Ticker ticker) {
        this.settings = settings;
        this.ticker = ticker;
    }

    @Override
    public void open() throws InterruptedException {
        int inputPartitions;
        int outputPartitions;
        try (KafkaSetup setup = KafkaSetup.connect(
                KafkaDrivers.connection(settings.bootstrapServers(), settings.producerProperties()))) {
            inputPartitions = setup.ensureTopic(TopicSpec.of(settings.inputTopic(), settings.partitions()))
                    .partitions();
            outputPartitions = setup.ensureTopic(TopicSpec.of(settings.outputTopic(), settings.partitions()))
                    .partitions();
        } catch (KafkaSetupException e) {
            throw new LoadSetupException(e);
        }
        payloads = Payloads.randomLetters(
                settings.recordSize(), ThreadLocalRandom.current().nextLong());
        Instant now = Instant.now();
        anchorNanos = ticker.nanos();
        anchorEpochMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;

        outputReader = new PollingThread(
                "pacer-stream-output",
                consumerAtEnd(settings.outputTopic(), outputPartitions, "pacer-stream-output"),
                this::arrived);
        LongToIntFunction copies = copies(settings.processor(), settings.slice());
        if (copies != null) {
            Consumer<byte[], byte[]> in =
                    consumerAtEnd(settings.inputTopic(), inputPartitions, "pacer-stream-processor");
            Producer<byte[], byte[]> out;
            try {
                out = Clients.producer(producerConfig("pacer-stream-processor"));
            } catch (RuntimeException e) {
                in.close(Duration.ZERO);
                throw e;
            }
            processor = new BuiltInProcessor(
                    in, out, settings.outputTopic(), delay(settings.processor()).toNanos(), copies, ticker);
            processor.start();
        }
        outputReader.start();
        producer = Clients.producer(producerConfig("pacer-stream-input"));
    }

    @Override
    public CompletionStage<Outcome> start(Call call) {
        CompletableFuture<Outcome> arrival;
        try {
            arrival = arrivals.expect(call.sequence());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.failed(e.getClass().getSimpleName()));
        }
        byte[] key = Ids.ascii(call.sequence());
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(settings.inputTopic(), null, key, payloads.next(call.sequence()));
        record.headers()
                .add(
                        INTENDED_START_HEADER,
                        Long.toString(anchorEpochMicros + (call.intendedStartNanos() - anchorNanos) / 1_000)
                                .getBytes(StandardCharsets.US_ASCII));
        try {
            producer.send(record, (metadata, e) -> {
                if (e == null) {
                    produced.increment();
                } else { // the id stays expected: a record whose send timed out may still arrive
                    arrival.complete(Outcome.failed(e.getClass().getSimpleName()));
                }
            });
        } catch (RuntimeException e) {
            arrival.complete(Outcome.failed(e.getClass().getSimpleName()));
        }
        return arrival;
    }

    /** {@code awaiting} (ids produced but not yet seen), {@code duplicates} and {@code unknown} so far. */
    @Override
    public Map<String, Double> gauges() {
        return Map.of(
                "awaiting",
                (double) arrivals.awaiting(),
                "duplicates",
                (double) arrivals.duplicates(),
                "unknown",
                (double) arrivals.unknown());
    }

    /**
     * {@code issued}, {@code produced} (acknowledged by the input topic), {@code received} (distinct ids seen),
     * {@code lost} (issued − received), {@code duplicates}, {@code unknown} (records with ids this run did not
     * issue) and, with a built-in processor, {@code processor_send_failures}.
     */
    @Override
    public Map<String, Double> summary() {
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("issued", (double) arrivals.issued());
        summary.put("produced", (double) produced.sum());
        summary.put("received", (double) arrivals.received());
        summary.put("lost", (double) arrivals.lost());
        summary.put("duplicates", (double) arrivals.duplicates());
        summary.put("unknown", (double) arrivals.unknown());
        if (processor != null) {
            summary.put("processor_send_failures", (double) processor.sendFailures());
        }
        return summary;
    }

    /** Every id of the run: issued, received, lost (issued − received), duplicated and unknown. */
    @Override
    public Optional<RecordAccounting> accounting() {
        return Optional.of(arrivals.accounting());
    }

    @Override
    public String describe() {
        return "kafka-stream input=" + settings.inputTopic() + " output=" + settings.outputTopic() + " processor="
                + settings.processor() + " record-size=" + settings.recordSize();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (producer != null) {
                producer.close(KafkaDrivers.CLOSE_TIMEOUT);
            }
        } finally {
            try {
                if (processor != null) {
                    processor.close();
                }
            } finally {
                if (outputReader != null) {
                    outputReader.close();
                }
            }
        }
    }

    private void arrived(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (KafkaSetup.isProbe(record)) {
                continue; // a probe the cluster would not delete (see KafkaSetup): not a record of this run
            }
            long id = Ids.parse(record.key());
            if (!settings.slice().owns(id)) {
                continue; // another worker's id in a distributed run: that worker accounts for it
            }
            arrivals.arrived(id, Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize()));
        }
    }

    /** A consumer assigned to every partition of {@code topic}, its position resolved at the current end. */
    private Consumer<byte[], byte[]> consumerAtEnd(String topic, int partitions, String clientId) {
        Consumer<byte[], byte[]> consumer = Clients.consumer(consumerConfig(clientId));
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        try {
            consumer.assign(all);
            consumer.seekToEnd(all);
            all.forEach(tp -> consumer.position(tp, KafkaDrivers.SETUP_TIMEOUT));
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw new LoadSetupException(
                    "cannot find the end of topic '" + topic + "' within " + KafkaDrivers.SETUP_TIMEOUT.toSeconds()
                            + "s (" + e + "): check the cluster's health",
                    e);
        }
        return consumer;
    }

    private Map<String, Object> producerConfig(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.putAll(settings.producerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return config;
    }

    private Map<String, Object> consumerConfig(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        config.putAll(settings.consumerProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // readers are assigned, never in a group
        return config;
    }

    /** How many copies of each id the built-in processor writes, or null for an external processor. */
    private static LongToIntFunction copies(Processor processor, Slice slice) {
        if (processor instanceof Processor.External) {
            return null;
        }
        LongToIntFunction fate = processor instanceof Fated fated ? fated.copies() : id -> 1;
        return id -> slice.owns(id) ? fate.applyAsInt(id) : 0; // another worker's processor forwards that id
    }

    private static Duration delay(Processor processor) {
        return processor instanceof Processor.Delay d ? d.delay() : Duration.ZERO;
    }
}
