package io.pacer.load.kafka;

import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.KafkaSetupException;
import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.LoadSetupException;
import io.pacer.load.Outcome;
import io.pacer.time.Ticker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One {@code poll} per operation, done synchronously: the stage is complete when {@link #start} returns, with the
 * records and bytes the poll returned (zero is fine: the topic may be drained).
 *
 * <p>A {@code KafkaConsumer} is single-threaded, so polls from several engine threads take turns. After each poll
 * the polling thread sums the lag of the assigned partitions (known locally once a fetch has returned their end
 * offset) and publishes it for {@link #gauges()}, which other threads call.
 */
final class ConsumeDriver implements Driver {

    private static final long UNKNOWN = -1;

    private final KafkaConsumeSettings settings;
    private final RebalanceClock rebalances;
    private final ReentrantLock polling = new ReentrantLock();
    private Consumer<byte[], byte[]> consumer;
    private volatile long lag = UNKNOWN;

    ConsumeDriver(KafkaConsumeSettings settings, Ticker ticker) {
        this.settings = settings;
        this.rebalances = new RebalanceClock(ticker);
    }

    @Override
    public void open() {
        int partitionCount;
        try (KafkaSetup setup = KafkaSetup.connect(
                KafkaDrivers.connection(settings.bootstrapServers(), settings.consumerProperties()))) {
            partitionCount = setup.requireTopic(settings.topic()).partitions();
        } catch (KafkaSetupException e) {
            throw new LoadSetupException(e);
        }
        for (int p : settings.partitions()) {
            if (p >= partitionCount) {
                throw new LoadSetupException("partition " + p + " of topic '" + settings.topic() + "' does not exist:"
                        + " it has " + partitionCount + " (0.." + (partitionCount - 1) + "); check --partitions");
            }
        }
        consumer = Clients.consumer(config());
        if (settings.groupId() != null) {
            rebalances.subscribed();
            consumer.subscribe(List.of(settings.topic()), rebalances);
        } else {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitionCount; p++) {
                if (settings.partitions().isEmpty() || settings.partitions().contains(p)) {
                    assigned.add(new TopicPartition(settings.topic(), p));
                }
            }
            consumer.assign(assigned);
            if (settings.fromBeginning()) {
                consumer.seekToBeginning(assigned);
            } else {
                consumer.seekToEnd(assigned);
            }
            assigned.forEach(
                    tp -> consumer.position(tp, KafkaDrivers.SETUP_TIMEOUT)); // resolved now, not in the first poll
        }
    }

    @Override
    public CompletionStage<Outcome> start(Call call) {
        polling.lock();
        try {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
            long bytes = 0;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                bytes += Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
            }
            lag = currentLag();
            return CompletableFuture.completedFuture(Outcome.ok(records.count(), bytes));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    new Outcome(false, e.getClass().getSimpleName(), "", 0, 0));
        } finally {
            polling.unlock();
        }
    }

    /** {@code lag}: records behind the end of the assigned partitions, once known. */
    @Override
    public Map<String, Double> gauges() {
        long current = lag;
        return current == UNKNOWN ? Map.of() : Map.of("lag", (double) current);
    }

    /**
     * {@code lag} at the end; in group mode also {@code first_assignment_ms} (subscribe to first assignment),
     * {@code rebalances} (later rebalances that took partitions from this consumer) and
     * {@code rebalance_ms_total} (time from losing partitions to the next assignment, summed).
     */
    @Override
    public Map<String, Double> summary() {
        Map<String, Double> summary = new LinkedHashMap<>(gauges());
        if (settings.groupId() != null) {
            if (rebalances.assigned()) {
                summary.put("first_assignment_ms", rebalances.firstAssignmentMillis());
            }
            summary.put("rebalances", (double) rebalances.rebalances());
            summary.put("rebalance_ms_total", rebalances.rebalanceMillisTotal());
        }
        return summary;
    }

    @Override
    public String describe() {
        return "kafka-consume topic=" + settings.topic()
                + (settings.groupId() != null
                        ? " group=" + settings.groupId()
                        : " assign=" + (settings.partitions().isEmpty() ? "all" : settings.partitions()))
                + " from=" + (settings.fromBeginning() ? "beginning" : "end")
                + " poll-timeout=" + settings.pollTimeout().toMillis() + "ms";
    }

    @Override
    public void close() {
        if (consumer == null) {
            return;
        }
        polling.lock();
        try {
            consumer.close(KafkaDrivers.CLOSE_TIMEOUT);
        } finally {
            polling.unlock();
        }
    }

    private long currentLag() {
        long sum = 0;
        boolean known = false;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(tp);
            if (partitionLag.isPresent()) {
                sum += partitionLag.getAsLong();
                known = true;
            }
        }
        return known ? sum : UNKNOWN;
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "pacer-consume");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.fromBeginning() ? "earliest" : "latest");
        config.putAll(settings.consumerProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        if (settings.groupId() != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        }
        return config;
    }
}
