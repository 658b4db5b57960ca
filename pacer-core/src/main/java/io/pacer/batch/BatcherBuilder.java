package io.pacer.batch;

import io.pacer.breaker.BreakerPolicy;
import io.pacer.internal.Check;
import io.pacer.sink.BatchSink;
import io.pacer.time.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Composes a batcher in one readable chain: optional stages (transform, encryption) run on the producer's
 * thread before batching, then the batching, overflow and breaker policies, then the sink.
 *
 * <pre>{@code
 * Batcher<Order> batcher = Batcher.<Order>builder()
 *         .map(Order::toJsonBytes)
 *         .then(Stages.encryptAesGcm(key))
 *         .sizer(bytes -> bytes.length)
 *         .policy(BatchPolicy.ofDefaults().withMaxEvents(200))
 *         .overflow(Overflow.spill(dir, 1L << 30), SpoolCodec.bytes())
 *         .build(sink);
 * }</pre>
 *
 * @param <I> the type producers offer
 * @param <O> the type the sink takes, after the stages
 */
public final class BatcherBuilder<I, O> {
    /** How long {@link Batcher#close()} may spend delivering what is buffered. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Batches in flight when neither the application nor the sink chooses ({@link BatchSink#defaultMaxInFlight}):
     * one, so order is exact even across retries.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1;
    /** The most batches {@link #maxInFlight} allows in flight at once. */
    public static final int MAX_IN_FLIGHT_LIMIT = InFlightBatches.CAPACITY;

    private final Function<I, O> stages;
    private final boolean identity;
    BatchPolicy policy = BatchPolicy.ofDefaults();
    Overflow overflow = Overflow.ofDefaults();
    BreakerPolicy breaker = BreakerPolicy.ofDefaults();
    AdaptivePolicy adaptive;
    ToLongFunction<? super O> sizer;
    SpoolCodec<O> codec;
    Ticker ticker = Ticker.system();
    String name = "pacer";
    BatcherListener listener = event -> {};
    /** Null: nobody listens, and settlement builds nothing for it. Typed like the sink, so stages cannot follow it. */
    DeliveryListener<? super O> deliveryListener;

    Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    /** Null: the sink's {@link BatchSink#defaultMaxInFlight}. */
    Integer maxInFlight;

    @SuppressWarnings("unchecked")
    BatcherBuilder() {
        this.stages = event -> (O) event;
        this.identity = true;
    }

    private BatcherBuilder(BatcherBuilder<I, ?> from, Function<I, O> stages) {
        this.stages = stages;
        this.identity = false;
        this.policy = from.policy;
        this.overflow = from.overflow;
        this.breaker = from.breaker;
        this.adaptive = from.adaptive;
        this.ticker = from.ticker;
        this.name = from.name;
        this.listener = from.listener;
        this.closeTimeout = from.closeTimeout;
        this.maxInFlight = from.maxInFlight;
    }

    /**
     * Adds a transform stage; the sizer and spool codec, which depend on the type, are reset.
     *
     * @throws IllegalStateException when a {@link #deliveryListener} is already set: it hears events as the sink
     *     takes them, so set it after the last stage
     */
    public <N> BatcherBuilder<I, N> map(Function<? super O, ? extends N> transform) {
        Objects.requireNonNull(transform, "transform");
        if (deliveryListener != null) {
            throw new IllegalStateException("deliveryListener hears events as the sink takes them, after every "
                    + "stage: call map/then before deliveryListener");
        }
        Function<I, O> before = stages;
        return new BatcherBuilder<>(this, event -> {
            O mid = before.apply(event);
            return mid == null ? null : transform.apply(mid);
        });
    }

    /** Adds a stage such as {@link Stages#encryptAesGcm}. */
    public <N> BatcherBuilder<I, N> then(Stage<? super O, ? extends N> stage) {
        Objects.requireNonNull(stage, "stage");
        return map(stage::apply);
    }

    public BatcherBuilder<I, O> policy(BatchPolicy value) {
        this.policy = Objects.requireNonNull(value, "policy");
        return this;
    }

    /** Overflow without a spool: {@link Overflow#block}, {@link Overflow#dropNewest} or {@link Overflow#dropOldest}. */
    public BatcherBuilder<I, O> overflow(Overflow value) {
        Objects.requireNonNull(value, "overflow");
        if (value instanceof Overflow.Spill) {
            throw new IllegalArgumentException(
                    "SPILL needs a codec to write events to disk: use overflow(Overflow, SpoolCodec)");
        }
        this.overflow = value;
        return this;
    }

    /** Overflow with a codec, required for {@link Overflow#spill}. */
    public BatcherBuilder<I, O> overflow(Overflow value, SpoolCodec<O> spoolCodec) {
        this.overflow = Objects.requireNonNull(value, "overflow");
        this.codec = Objects.requireNonNull(spoolCodec, "spoolCodec");
        return this;
    }

    public BatcherBuilder<I, O> breaker(BreakerPolicy value) {
        this.breaker = Objects.requireNonNull(value, "breaker");
        return this;
    }

    /** Tunes batch size and linger at runtime to stay under a p99 latency target. */
    public BatcherBuilder<I, O> adaptive(AdaptivePolicy value) {
        this.adaptive = Objects.requireNonNull(value, "adaptive");
        return this;
    }

    /** The size of an event in bytes, for {@link BatchPolicy#maxBytes()}; default: every event counts 1. */
    public BatcherBuilder<I, O> sizer(ToLongFunction<? super O> value) {
        this.sizer = Objects.requireNonNull(value, "sizer");
        return this;
    }

    public BatcherBuilder<I, O> ticker(Ticker value) {
        this.ticker = Objects.requireNonNull(value, "ticker");
        return this;
    }

    /** Names the batcher in meters, events and its flusher thread. */
    public BatcherBuilder<I, O> name(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("name must be a non-blank string, but was '" + value + "'");
        }
        this.name = value;
        return this;
    }

    /** How long close may spend delivering what is buffered (0..1 h); default 30 s. */
    public BatcherBuilder<I, O> closeTimeout(Duration value) {
        Check.duration("closeTimeout", value, Duration.ZERO, Duration.ofHours(1));
        this.closeTimeout = value;
        return this;
    }

    /**
     * How many batches may be delivered at once (1..64); default: what the sink asks for
     * ({@link BatchSink#defaultMaxInFlight}) — 1 for most sinks, 16 for {@code Sinks.kafka}. With one, the flusher
     * waits for each acknowledgement before sending the next batch, so throughput to a network sink is one batch
     * per round trip. More multiplies that throughput. The price: after a failure, batches sent after the failed
     * one may already have been delivered, so the retried events land after them. Each producer's order holds
     * whenever nothing fails (Kafka's idempotent producer also keeps order under its own retries); events are
     * still delivered at least once. Also tunable at runtime as {@code batch.maxInFlight}.
     */
    public BatcherBuilder<I, O> maxInFlight(int value) {
        Check.range("maxInFlight", value, 1, MAX_IN_FLIGHT_LIMIT);
        this.maxInFlight = value;
        return this;
    }

    /**
     * Receives breaker transitions, tunable changes, adaptive decisions and overflow notices, and counts of events
     * failed for good ({@link BatcherEvent.EventsFailed}); {@link #deliveryListener} says which events.
     */
    public BatcherBuilder<I, O> listener(BatcherListener value) {
        this.listener = Objects.requireNonNull(value, "listener");
        return this;
    }

    /**
     * Hears which events were delivered and which failed for good, once each, when their fate is final (see
     * {@link DeliveryListener}); events as the sink takes them, so set it after the stages. Default: none, and then
     * settling a batch allocates nothing for it.
     */
    public BatcherBuilder<I, O> deliveryListener(DeliveryListener<? super O> value) {
        this.deliveryListener = Objects.requireNonNull(value, "deliveryListener");
        return this;
    }

    public Batcher<I> build(BatchSink<O> sink) {
        Objects.requireNonNull(sink, "sink");
        Spool<O> spool = null;
        if (overflow instanceof Overflow.Spill spill) {
            if (codec == null) {
                throw new IllegalArgumentException(
                        "SPILL needs a codec to write events to disk: use overflow(Overflow, SpoolCodec)");
            }
            try {
                spool = Spools.open(spill.directory(), spill.maxBytes(), codec);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open spool in " + spill.directory() + ": " + e.getMessage(), e);
            }
        }
        return new DefaultBatcher<>(this, sink, spool, maxInFlightFor(sink));
    }

    /** The window the application chose, or else the one the sink asks for. */
    private int maxInFlightFor(BatchSink<O> sink) {
        if (maxInFlight != null) {
            return maxInFlight;
        }
        int asked = sink.defaultMaxInFlight();
        Check.range("defaultMaxInFlight() of the sink " + sink, asked, 1, MAX_IN_FLIGHT_LIMIT);
        return asked;
    }

    Function<I, O> stages() {
        return stages;
    }

    boolean identityStages() {
        return identity;
    }
}
