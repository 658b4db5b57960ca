package io.pacer.cli;

import io.pacer.batch.AdaptivePolicy;
import io.pacer.batch.BatchPolicy;
import io.pacer.batch.Overflow;
import io.pacer.breaker.BreakerPolicy;
import io.pacer.load.batcher.BatcherSettings;
import io.pacer.load.batcher.SinkFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code pacer batcher}'s batcher and fault flags, turned into pacer-core's validated records. A value those records
 * refuse is reported under the flag's name ({@code --batch-size must be in [1, 1000000], but was 0}); flags that
 * only make sense together are checked together.
 */
final class BatcherOptions {

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Events per batch at most (default " + BatchPolicy.DEFAULT_MAX_EVENTS + ").")
    Integer batchSize;

    @Option(
            names = "--linger",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            description = "A batch leaves once its first event has waited this long (default 100ms; 0 = at once).")
    Duration linger;

    @Option(
            names = "--buffer",
            paramLabel = "N",
            description = "Events held in memory before the overflow policy applies (default "
                    + BatchPolicy.DEFAULT_BUFFER_CAPACITY + "; rounded up to a power of two).")
    Integer buffer;

    @Option(
            names = "--max-in-flight",
            paramLabel = "N",
            description = "Batches in delivery at once, 1..64 (default: the sink's choice, 16 for Kafka, 1 otherwise).")
    Integer maxInFlight;

    @Option(
            names = "--overflow",
            paramLabel = "block|spool|drop",
            description = "When the buffer is full: block (the offer waits up to --block-timeout, then the event is"
                    + " rejected), spool (undeliverable events go to a disk spool in --spool-dir and are replayed),"
                    + " drop (the new event is dropped at once) (default block).")
    String overflow;

    @Option(
            names = "--block-timeout",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            description = "--overflow block: how long an offer waits for room (default 5s).")
    Duration blockTimeout;

    @Option(
            names = "--spool-dir",
            paramLabel = "DIR",
            description = "--overflow spool: where the spool keeps its files (required with spool; default: none).")
    Path spoolDir;

    @Option(
            names = "--spool-max-bytes",
            paramLabel = "BYTES",
            description = "--overflow spool: the spool's size bound on disk (default 1073741824, 1 GiB).")
    Long spoolMaxBytes;

    @Option(
            names = "--breaker-failures",
            paramLabel = "N",
            description = "Consecutive failed deliveries that open the breaker (default "
                    + BreakerPolicy.DEFAULT_FAILURE_THRESHOLD + ").")
    Integer breakerFailures;

    @Option(
            names = "--breaker-open",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            description = "How long the breaker stays open before a trial delivery (default 30s).")
    Duration breakerOpen;

    @Option(
            names = "--max-attempts",
            paramLabel = "N",
            description = "Delivery attempts per rejected event, the first included (default "
                    + BreakerPolicy.DEFAULT_MAX_ATTEMPTS + "; failed whole batches retry until the breaker opens).")
    Integer maxAttempts;

    @Option(
            names = "--retry-backoff",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            description = "Wait before the first retry, doubling each retry up to 2s or this (default 50ms).")
    Duration retryBackoff;

    @Option(
            names = "--delivery-timeout",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            description = "A delivery not acknowledged within this time counts as failed (default 30s).")
    Duration deliveryTimeout;

    @Option(
            names = "--adaptive",
            paramLabel = "off|P99",
            description =
                    "Adaptive batch size and linger keeping the batcher's p99 under P99, e.g. 50ms" + " (default off).")
    String adaptive;

    @Option(
            names = "--fail-rate",
            paramLabel = "FRACTION",
            description = "Fault: each sink call fails (retriably) with this probability, 0..1 (default 0).")
    Double failRate;

    @Option(
            names = "--sink-latency",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            description = "Fault: each sink call waits this long before it reaches the sink (default 0).")
    Duration sinkLatency;

    @Option(
            names = "--outage",
            paramLabel = "LENGTH@AT[,...]",
            description = "Fault: the sink is down for LENGTH from AT after the start, e.g. 10s@30s (repeatable or"
                    + " comma-separated; default none).")
    List<String> outages = new ArrayList<>();

    @Option(
            names = "--fault-seed",
            paramLabel = "N",
            description = "Seed of the --fail-rate draws and the payloads (default " + SinkFaults.DEFAULT_SEED + ").")
    Long faultSeed;

    /** {@code base} with every batcher and fault flag applied. */
    BatcherSettings apply(BatcherSettings base) {
        return base.withPolicy(policy())
                .withOverflow(overflowPolicy())
                .withBreaker(breaker())
                .withAdaptive(adaptivePolicy())
                .withMaxInFlight(maxInFlight == null ? BatcherSettings.SINK_DEFAULT_IN_FLIGHT : inFlight())
                .withFaults(faults());
    }

    /** The flags as they go into the result's parameters (only those given). */
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "batch_size", batchSize);
        put(p, "linger", linger);
        put(p, "buffer", buffer);
        put(p, "max_in_flight", maxInFlight);
        put(p, "overflow", overflow == null ? "block" : overflow);
        put(p, "block_timeout", blockTimeout);
        put(p, "spool_dir", spoolDir);
        put(p, "spool_max_bytes", spoolMaxBytes);
        put(p, "breaker_failures", breakerFailures);
        put(p, "breaker_open", breakerOpen);
        put(p, "max_attempts", maxAttempts);
        put(p, "retry_backoff", retryBackoff);
        put(p, "delivery_timeout", deliveryTimeout);
        put(p, "adaptive", adaptive);
        put(p, "fail_rate", failRate);
        put(p, "sink_latency", sinkLatency);
        put(p, "outage", outages.isEmpty() ? null : String.join(",", outages));
        put(p, "fault_seed", faultSeed);
        return p;
    }

    private static void put(Map<String, String> p, String key, Object value) {
        if (value != null) {
            p.put(key, String.valueOf(value));
        }
    }

    private BatchPolicy policy() {
        BatchPolicy policy = BatchPolicy.ofDefaults();
        int capacity = buffer == null ? policy.bufferCapacity() : buffer;
        int events = batchSize == null ? policy.maxEvents() : batchSize;
        if (buffer != null || batchSize != null) {
            if (events > capacity && events >= 1 && capacity >= 2) {
                throw new UsageException("--batch-size (" + events + (batchSize == null ? ", the default" : "")
                        + ") must not exceed --buffer (" + capacity + "): raise --buffer or lower --batch-size");
            }
        }
        BatchPolicy sized = flag(
                "--buffer",
                "bufferCapacity",
                () -> BatchPolicy.ofDefaults().withMaxEvents(1).withBufferCapacity(capacity));
        BatchPolicy withEvents = flag("--batch-size", "maxEvents", () -> sized.withMaxEvents(events));
        return linger == null ? withEvents : flag("--linger", "linger", () -> withEvents.withLinger(linger));
    }

    private Overflow overflowPolicy() {
        String mode = overflow == null ? "block" : overflow.trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("block") && blockTimeout != null) {
            throw new UsageException("--block-timeout applies to --overflow block only, but --overflow is " + mode);
        }
        if (!mode.equals("spool") && (spoolDir != null || spoolMaxBytes != null)) {
            throw new UsageException(
                    "--spool-dir and --spool-max-bytes apply to --overflow spool only, but" + " --overflow is " + mode);
        }
        return switch (mode) {
            case "block" ->
                flag(
                        "--block-timeout",
                        "blockTimeout",
                        () -> Overflow.block(blockTimeout == null ? Overflow.DEFAULT_BLOCK_TIMEOUT : blockTimeout));
            case "drop" -> Overflow.dropNewest();
            case "spool" -> {
                if (spoolDir == null) {
                    throw new UsageException("--overflow spool needs --spool-dir DIR: where the spool keeps its files");
                }
                long max = spoolMaxBytes == null ? Overflow.DEFAULT_SPOOL_MAX_BYTES : spoolMaxBytes;
                yield flag("--spool-max-bytes", "spoolMaxBytes", () -> Overflow.spill(spoolDir, max));
            }
            default -> throw new UsageException("--overflow '" + overflow + "' must be block, spool or drop");
        };
    }

    private BreakerPolicy breaker() {
        BreakerPolicy b = BreakerPolicy.ofDefaults();
        if (breakerFailures != null) {
            BreakerPolicy from = b;
            b = flag("--breaker-failures", "failureThreshold", () -> from.withFailureThreshold(breakerFailures));
        }
        if (breakerOpen != null) {
            BreakerPolicy from = b;
            b = flag("--breaker-open", "openDuration", () -> from.withOpenDuration(breakerOpen));
        }
        if (deliveryTimeout != null) {
            BreakerPolicy from = b;
            b = flag("--delivery-timeout", "deliveryTimeout", () -> from.withDeliveryTimeout(deliveryTimeout));
        }
        if (maxAttempts != null || retryBackoff != null) {
            BreakerPolicy from = b;
            int attempts = maxAttempts == null ? from.maxAttempts() : maxAttempts;
            Duration initial = retryBackoff == null ? from.initialBackoff() : retryBackoff;
            Duration max = initial.compareTo(from.maxBackoff()) > 0 ? initial : from.maxBackoff();
            b = flags(
                    () -> from.withRetries(attempts, initial, max),
                    Map.of("maxAttempts", "--max-attempts", "initialBackoff", "--retry-backoff"));
        }
        return b;
    }

    private AdaptivePolicy adaptivePolicy() {
        if (adaptive == null || adaptive.trim().equalsIgnoreCase("off")) {
            return null;
        }
        Duration target;
        try {
            target = new Converters.DurationConverter().convert(adaptive);
        } catch (RuntimeException e) {
            throw new UsageException("--adaptive '" + adaptive + "' must be off or a p99 target such as 50ms or 1s");
        }
        return flag("--adaptive", "p99Target", () -> AdaptivePolicy.targeting(target));
    }

    private int inFlight() {
        if (maxInFlight < 1 || maxInFlight > 64) {
            throw new UsageException("--max-in-flight must be in [1, 64], but was " + maxInFlight);
        }
        return maxInFlight;
    }

    private SinkFaults faults() {
        SinkFaults f = SinkFaults.none();
        if (failRate != null) {
            SinkFaults from = f;
            f = flag("--fail-rate", "failRate", () -> from.withFailRate(failRate));
        }
        if (sinkLatency != null) {
            SinkFaults from = f;
            f = flag("--sink-latency", "sinkLatency", () -> from.withLatency(sinkLatency));
        }
        if (!outages.isEmpty()) {
            List<SinkFaults.Outage> all = new ArrayList<>();
            for (String text : outages) {
                all.addAll(flag("--outage", "outage", () -> SinkFaults.Outage.parseAll(text)));
            }
            SinkFaults from = f;
            f = flag("--outage", "outages", () -> from.withOutages(all));
        }
        if (faultSeed != null) {
            f = f.withSeed(faultSeed);
        }
        return f;
    }

    /**
     * Builds a value from one flag, reporting a refusal under the flag's name: the record's message names its field
     * ({@code maxEvents must be ...}), the user typed {@code --batch-size}.
     */
    static <T> T flag(String flag, String field, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw new UsageException(
                    message.startsWith(field + " ") ? flag + message.substring(field.length()) : flag + ": " + message);
        }
    }

    /** {@link #flag} for a value several flags make: the message's field names the flag to report. */
    static <T> T flags(Supplier<T> build, Map<String, String> flagsByField) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            for (Map.Entry<String, String> f : flagsByField.entrySet()) {
                if (message.startsWith(f.getKey() + " ")) {
                    throw new UsageException(
                            f.getValue() + message.substring(f.getKey().length()));
                }
            }
            throw new UsageException(String.join(" / ", flagsByField.values()) + ": " + message);
        }
    }
}
