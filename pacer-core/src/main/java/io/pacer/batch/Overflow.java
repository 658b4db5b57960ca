package io.pacer.batch;

import io.pacer.internal.Check;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The overflow policy and its settings; build one with the factory methods.
 *
 * @param policy what to do when the buffer is full
 * @param blockTimeout how long {@code offer} waits for room under {@link OverflowPolicy#BLOCK} (and, briefly,
 *     under {@code DROP_OLDEST} and {@code SPILL} while the flusher makes room)
 * @param spoolDirectory where {@link OverflowPolicy#SPILL} keeps its spool (null for other policies)
 * @param spoolMaxBytes the spool's size bound (SPILL only)
 */
public record Overflow(OverflowPolicy policy, Duration blockTimeout, Path spoolDirectory, long spoolMaxBytes) {

    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(5);
    public static final long DEFAULT_SPOOL_MAX_BYTES = 1L << 30;

    public Overflow {
        Objects.requireNonNull(policy, "policy");
        Check.duration("blockTimeout", blockTimeout, Duration.ZERO, Duration.ofHours(1));
        if (policy == OverflowPolicy.SPILL) {
            if (spoolDirectory == null) {
                throw new IllegalArgumentException(
                        "spoolDirectory must be set for SPILL: pass Overflow.spill(dir, maxBytes)");
            }
            Check.range("spoolMaxBytes", spoolMaxBytes, 1L << 16, Long.MAX_VALUE);
        }
    }

    /** Producers wait up to {@code timeout} for room; the default policy, with a 5 s timeout. */
    public static Overflow block(Duration timeout) {
        return new Overflow(OverflowPolicy.BLOCK, timeout, null, 0);
    }

    public static Overflow dropNewest() {
        return new Overflow(OverflowPolicy.DROP_NEWEST, DEFAULT_BLOCK_TIMEOUT, null, 0);
    }

    public static Overflow dropOldest() {
        return new Overflow(OverflowPolicy.DROP_OLDEST, DEFAULT_BLOCK_TIMEOUT, null, 0);
    }

    /** Undeliverable events go to a crash-safe spool in {@code directory}, at most {@code maxBytes} on disk. */
    public static Overflow spill(Path directory, long maxBytes) {
        return new Overflow(OverflowPolicy.SPILL, DEFAULT_BLOCK_TIMEOUT, directory, maxBytes);
    }

    public static Overflow ofDefaults() {
        return block(DEFAULT_BLOCK_TIMEOUT);
    }
}
