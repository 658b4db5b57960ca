package io.pacer.load.batcher;

import io.pacer.batch.Batcher;
import io.pacer.batch.BatcherBuilder;
import io.pacer.batch.Overflow;
import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.LoadSetupException;
import io.pacer.load.Outcome;
import io.pacer.load.RecordAccounting;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.sink.BatchSink;
import io.pacer.time.Ticker;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * Offers one event per operation to a Pacer {@code Batcher} built from {@link BatcherSettings}; the operation
 * completes when the sink acknowledges the event's batch ({@link TrackingSink}), fails at once when the overflow
 * policy refuses the event ({@code dropped} under drop, {@code rejected} after a block timeout or with the spool
 * full), and fails the moment the batcher gives it up (a permanent sink error, or per-event retries used up),
 * which the batcher tells {@link TrackingSink} as its {@code DeliveryListener}.
 *
 * <pre>
 *  start(call) ──offer──▶ Batcher ──batch──▶ TrackingSink ──▶ FaultySink (scripted) ──▶ Kafka / Redis / memory
 *     ▲                  (buffer, breaker,       │ ack: complete each event's operation
 *     └──────────────────  spool, retries)  ◀────┘ (latency from the intended start)
 * </pre>
 */
final class BatcherDriver implements Driver {

    /** How long close may spend delivering what is still buffered (operations still open are already counted). */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** How often the spool depth is sampled for its maximum. */
    static final Duration SPOOL_SAMPLE_PERIOD = Duration.ofMillis(50);

    /** How long {@link #summary} waits for the batcher to settle what the sink acknowledged. */
    static final Duration SETTLE_WAIT = Duration.ofSeconds(1);

    private static final long SETTLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final int PAYLOAD_POOL_BYTES = 4 << 20;
    private static final int MAX_PAYLOADS = 1024;

    private final BatcherSettings settings;
    private final Ticker ticker;
    private final UnaryOperator<BatchSink<Event>> aroundTransport;
    private final LongAdder offered = new LongAdder();
    private final AtomicLong spoolDepthMax = new AtomicLong();
    private byte[][] payloads;
    private ScheduledExecutorService scheduler;
    private BatchSink<Event> transport;
    private MemorySink memory;
    private FaultySink<Event> faulty;
    private TrackingSink tracking;
    private Batcher<Event> batcher;
    private String refusal;

    BatcherDriver(BatcherSettings settings, Ticker ticker) {
        this(settings, ticker, UnaryOperator.identity());
    }

    /** @param aroundTransport wraps the transport, under the faults (tests: a sink that rejects chosen events) */
    BatcherDriver(BatcherSettings settings, Ticker ticker, UnaryOperator<BatchSink<Event>> aroundTransport) {
        this.settings = settings;
        this.ticker = ticker;
        this.aroundTransport = aroundTransport;
    }

    @Override
    public void open() {
        payloads = payloads(
                settings.recordSize(), new SplittableRandom(settings.faults().seed()));
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pacer-batcher-driver");
            t.setDaemon(true);
            return t;
        });
        transport = Transports.open(settings.sink());
        memory = transport instanceof MemorySink m ? m : null;
        BatchSink<Event> underBatcher = aroundTransport.apply(transport);
        if (settings.faults().any()) {
            faulty = new FaultySink<>(transport, settings.faults(), ticker, ticker.nanos(), scheduler);
            underBatcher = faulty;
        }
        tracking = new TrackingSink(underBatcher);
        batcher = build(tracking);
        refusal = settings.overflow() instanceof Overflow.DropNewest ? "dropped" : "rejected";
        scheduler.scheduleAtFixedRate(
                this::sampleSpool, SPOOL_SAMPLE_PERIOD.toNanos(), SPOOL_SAMPLE_PERIOD.toNanos(), TimeUnit.NANOSECONDS);
    }

    private Batcher<Event> build(TrackingSink sink) {
        BatcherBuilder<Event, Event> builder = Batcher.<Event>builder()
                .name("pacer-load")
                .ticker(ticker)
                .policy(settings.policy())
                .breaker(settings.breaker())
                .sizer(Event::size)
                .deliveryListener(sink) // ends the operations of events the batcher gives up
                .closeTimeout(CLOSE_TIMEOUT);
        if (settings.overflow() instanceof Overflow.Spill) {
            builder.overflow(settings.overflow(), Event.CODEC);
        } else {
            builder.overflow(settings.overflow());
        }
        if (settings.adaptive() != null) {
            builder.adaptive(settings.adaptive());
        }
        if (settings.maxInFlight() != BatcherSettings.SINK_DEFAULT_IN_FLIGHT) {
            builder.maxInFlight(settings.maxInFlight());
        }
        try {
            return builder.build(sink);
        } catch (UncheckedIOException e) {
            throw new LoadSetupException(e.getMessage() + ": check --spool-dir", e);
        }
    }

    @Override
    public CompletionStage<Outcome> start(Call call) {
        Event event = new Event(call.sequence(), payloads[(int) (call.sequence() % payloads.length)]);
        offered.increment();
        CompletableFuture<Outcome> delivered = tracking.register(event);
        boolean accepted;
        try {
            accepted = batcher.offer(event);
        } catch (RuntimeException e) { // closed under us (Ctrl-C twice)
            tracking.refused(event, e.getClass().getSimpleName());
            return delivered;
        }
        if (accepted) {
            tracking.accepted();
        } else {
            tracking.refused(event, refusal);
        }
        return delivered;
    }

    private void sampleSpool() {
        Batcher<Event> b = batcher;
        if (b != null) {
            spoolDepthMax.accumulateAndGet(b.snapshot().spoolDepth(), Math::max);
        }
    }

    /** Live figures, once per interval; see {@link BatcherDrivers#batcher} for the names. */
    @Override
    public Map<String, Double> gauges() {
        BatcherSnapshot s = batcher.snapshot();
        spoolDepthMax.accumulateAndGet(s.spoolDepth(), Math::max);
        Map<String, Double> g = new LinkedHashMap<>();
        g.put("batch_size_mean", s.meanBatchSize());
        g.put("batching_efficiency", s.batchingEfficiency());
        g.put("buffered", (double) s.buffered());
        g.put("spool_depth", (double) s.spoolDepth());
        g.put("dropped", (double) s.dropped());
        g.put("rejected", (double) s.rejected());
        g.put("retries", (double) tracking.retries.get());
        g.put("breaker_trips", (double) s.breakerTrips());
        g.put("breaker_open", "CLOSED".equals(s.breakerState()) ? 0.0 : 1.0);
        g.put("batch_max_events", (double) s.maxEvents());
        return g;
    }

    /** Totals after the last operation settled; see {@link BatcherDrivers#batcher} for the names. */
    @Override
    public Map<String, Double> summary() {
        BatcherSnapshot s = settledSnapshot();
        spoolDepthMax.accumulateAndGet(s.spoolDepth(), Math::max);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("offered", (double) offered.sum());
        m.put("accepted", (double) s.accepted());
        m.put("delivered", (double) s.delivered());
        m.put("failed", (double) s.failed());
        m.put("failed_retriable", (double) tracking.failedRetriable.get());
        m.put("failed_permanent", (double) tracking.failedPermanent.get());
        m.put("dropped", (double) s.dropped());
        m.put("rejected", (double) s.rejected());
        m.put("duplicates", (double) tracking.duplicates.get());
        m.put("buffered_final", (double) s.buffered());
        m.put("batches", (double) s.batchSize().count());
        m.put("batch_size_mean", s.batchSize().mean());
        m.put("batch_size_p50", (double) s.batchSize().p50());
        m.put("batch_size_p99", (double) s.batchSize().p99());
        m.put("batch_size_max", (double) s.batchSize().max());
        m.put("batch_max_events", (double) s.maxEvents());
        m.put("batching_efficiency", s.batchingEfficiency());
        long calls = tracking.sinkCalls.get();
        m.put("sink_calls", (double) calls);
        m.put("sink_call_failures", (double) tracking.failedSinkCalls.get());
        m.put("events_per_sink_call", calls == 0 ? 0 : (double) tracking.eventsSent.get() / calls);
        m.put("retries", (double) tracking.retries.get());
        m.put("spool_depth_max", (double) spoolDepthMax.get());
        m.put("spool_depth_final", (double) s.spoolDepth());
        m.put("spooled_delivered", (double) tracking.fromSpool.get());
        m.put("breaker_trips", (double) s.breakerTrips());
        m.put("breaker_open_final", "CLOSED".equals(s.breakerState()) ? 0.0 : 1.0);
        m.put("batcher_latency_p50_us", (double) s.latencyMicros().p50());
        m.put("batcher_latency_p99_us", (double) s.latencyMicros().p99());
        if (faulty != null) {
            m.put("fault_failed_calls", (double) (faulty.randomFailures.get() + faulty.outageFailures.get()));
            m.put("fault_outage_calls", (double) faulty.outageFailures.get());
            m.put("fault_failed_events", (double) faulty.failedEvents.get());
        }
        if (memory != null) {
            m.put("sink_stored", (double) memory.stored());
            m.put("sink_distinct", (double) memory.distinct());
            m.put("sink_duplicates", (double) memory.duplicates());
        }
        return m;
    }

    /**
     * The batcher's figures once it has caught up with the sink: an operation ends on the sink's acknowledgement,
     * a moment before the batcher settles the batch (and commits it from the spool). When every operation has
     * ended, wait for that bookkeeping — at most {@link #SETTLE_WAIT} — so the final spool depth and buffer are
     * not a batch behind. With operations still open, there is nothing to wait for.
     */
    private BatcherSnapshot settledSnapshot() {
        long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
        BatcherSnapshot s = batcher.snapshot();
        while (tracking.waiting() == 0
                && (s.spoolDepth() > 0 || s.buffered() > 0)
                && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(SETTLE_POLL_NANOS);
            s = batcher.snapshot();
        }
        return s;
    }

    /** Accepted events against the ids the sink acknowledged (see {@link TrackingSink#accounting}). */
    @Override
    public Optional<RecordAccounting> accounting() {
        return Optional.of(tracking.accounting());
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder("batcher sink=")
                .append(settings.sink().describe())
                .append(" batch-size=")
                .append(settings.policy().maxEvents())
                .append(" linger=")
                .append(settings.policy().linger().toMillis())
                .append("ms overflow=")
                .append(overflowName(settings.overflow()))
                .append(" record-size=")
                .append(settings.recordSize());
        if (settings.adaptive() != null) {
            s.append(" adaptive-p99=")
                    .append(settings.adaptive().p99Target().toMillis())
                    .append("ms");
        }
        if (settings.faults().any()) {
            s.append(" faults[").append(settings.faults()).append(']');
        }
        return s.toString();
    }

    /** The CLI's word for an overflow policy. */
    static String overflowName(Overflow overflow) {
        if (overflow instanceof Overflow.Spill) {
            return "spool";
        }
        if (overflow instanceof Overflow.DropNewest) {
            return "drop";
        }
        return overflow instanceof Overflow.DropOldest ? "drop-oldest" : "block";
    }

    @Override
    public void close() throws Exception {
        try {
            if (batcher != null) {
                batcher.close(); // closes the sinks under it
            } else if (transport != null) {
                transport.close();
            }
        } finally {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
    }

    private static byte[][] payloads(int size, SplittableRandom random) {
        int count = Math.max(1, Math.min(MAX_PAYLOADS, PAYLOAD_POOL_BYTES / size));
        byte[][] values = new byte[count][size];
        for (byte[] value : values) {
            for (int i = 0; i < size; i++) {
                value[i] = (byte) ('A' + random.nextInt(26));
            }
        }
        return values;
    }
}
