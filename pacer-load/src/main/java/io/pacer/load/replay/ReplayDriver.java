package io.pacer.load.replay;

import io.pacer.kafka.KafkaConnection;
import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.KafkaSetupException;
import io.pacer.kafka.TopicSpec;
import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.LoadSetupException;
import io.pacer.load.Outcome;
import io.pacer.load.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Streams a capture into a topic: the engine's pacing thread reads one record per {@link #nextOffsetNanos()} and
 * sends it in {@link #start}; the producer's callback completes the operation. Only the record about to be sent is
 * held, so memory stays bounded (the producer's buffer aside) whatever the capture's size.
 */
final class ReplayDriver implements Driver, Timeline {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Fixes in setup errors name the command line's options. */
    private static final KafkaConnection.SettingNames OPTIONS =
            new KafkaConnection.SettingNames("--bootstrap", "-P / --producer-config", "--topic");

    private final ReplaySettings settings;
    private final LongAdder records = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private CaptureReader reader;
    private CaptureTimeline timeline;
    private KafkaProducer<byte[], byte[]> producer;
    /** The record the last nextOffsetNanos() read, until start() sends it. */
    private CaptureRecord next;

    ReplayDriver(ReplaySettings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws Exception {
        KafkaConnection connection = new KafkaConnection(
                settings.bootstrapServers(), settings.producerProperties(), KafkaConnection.DEFAULT_TIMEOUT, OPTIONS);
        try (KafkaSetup setup = KafkaSetup.connect(connection)) {
            setup.ensureTopic(TopicSpec.of(settings.topic(), settings.partitions()));
        } catch (KafkaSetupException e) {
            throw new LoadSetupException(e);
        }
        reader = Captures.open(settings.capture(), settings.skipBadLines());
        timeline = new CaptureTimeline(reader);
        producer = new KafkaProducer<>(settings.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public long nextOffsetNanos() {
        long offset = timeline.next();
        next = timeline.current();
        return offset;
    }

    @Override
    public CompletionStage<Outcome> start(Call call) {
        CaptureRecord record = next;
        if (record == null) {
            throw new IllegalStateException(
                    "no record to send: call nextOffsetNanos() before each start, and stop when it returns END");
        }
        next = null;
        long payload = record.payloadBytes();
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        try {
            producer.send(
                    new ProducerRecord<>(settings.topic(), null, null, record.key(), record.value(), headers(record)),
                    (metadata, failure) -> {
                        if (failure != null) {
                            done.complete(Outcome.failed(failure.getClass().getSimpleName()));
                            return;
                        }
                        records.increment();
                        bytes.add(payload);
                        done.complete(Outcome.ok(payload));
                    });
        } catch (RuntimeException e) { // a closed producer, an interrupted wait for buffer space
            done.complete(Outcome.failed(e.getClass().getSimpleName()));
        }
        return done;
    }

    @Override
    public Map<String, Double> summary() {
        return Map.of(
                "records",
                records.doubleValue(),
                "bytes",
                bytes.doubleValue(),
                "skipped_lines",
                reader == null ? 0.0 : reader.skipped(),
                "out_of_order_timestamps",
                timeline == null ? 0.0 : timeline.outOfOrder());
    }

    @Override
    public String describe() {
        return "replay capture=" + settings.capture().getFileName() + " topic=" + settings.topic();
    }

    @Override
    public void close() {
        try {
            if (producer != null) {
                producer.close(CLOSE_TIMEOUT);
            }
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
    }

    private static List<Header> headers(CaptureRecord record) {
        if (record.headers().isEmpty()) {
            return null;
        }
        List<Header> headers = new ArrayList<>(record.headers().size());
        record.headers().forEach((name, value) -> headers.add(new RecordHeader(name, value)));
        return headers;
    }
}
