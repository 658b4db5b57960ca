package io.pacer.batch;

import io.pacer.internal.Check;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the batcher does with an event when its bounded buffer is full (the sink is slow, or the breaker is open).
 * Every policy counts what it does: nothing is lost silently. Each policy is a record holding exactly the settings
 * it needs, validated when built; build one with the factory methods.
 *
 * <ul>
 *   <li>{@link Block}: the producer waits for room, up to a timeout; then {@code offer} returns false and the event
 *       is counted as rejected. The default, with a 5 s timeout.</li>
 *   <li>{@link DropNewest}: the new event is refused at once ({@code offer} returns false) and counted as
 *       dropped.</li>
 *   <li>{@link DropOldest}: the oldest buffered event is discarded and counted as dropped, to make room for the new
 *       one.</li>
 *   <li>{@link Spill}: events that cannot be delivered are written to a crash-safe disk spool and replayed in order
 *       on recovery (needs a {@link SpoolCodec}: {@link BatcherBuilder#overflow(Overflow, SpoolCodec)}).</li>
 * </ul>
 *
 * <p>Under {@code DropOldest} and {@code Spill} a producer that finds the buffer full waits the short while the
 * flusher needs to make room, at most {@link #DEFAULT_BLOCK_TIMEOUT}; if the room never comes (the spool refuses
 * writes, say) the event is counted as rejected.
 */
public sealed interface Overflow {

    /** How long {@link Block} waits by default (and the bound on the brief wait under the other policies). */
    Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(5);
    /** The spool's default size bound, 1 GiB. */
    long DEFAULT_SPOOL_MAX_BYTES = 1L << 30;
    /** The smallest spool size bound accepted, 64 KiB. */
    long MIN_SPOOL_MAX_BYTES = 1L << 16;

    /**
     * Producers wait for room, up to {@code timeout}.
     *
     * @param timeout how long {@code offer} waits for room before it returns false (0..1 h)
     */
    record Block(Duration timeout) implements Overflow {
        public Block {
            Check.duration("blockTimeout", timeout, Duration.ZERO, Duration.ofHours(1));
        }
    }

    /** The new event is refused when there is no room. */
    record DropNewest() implements Overflow {}

    /** The oldest buffered event makes room for the new one. */
    record DropOldest() implements Overflow {}

    /**
     * Undeliverable events go to a crash-safe spool on disk.
     *
     * @param directory where the spool keeps its segment files (one batcher per directory)
     * @param maxBytes the spool's size bound on disk (64 KiB..2^63-1); a full spool refuses further events, which
     *     then stay in memory
     */
    record Spill(Path directory, long maxBytes) implements Overflow {
        public Spill {
            if (directory == null) {
                throw new IllegalArgumentException("spill directory must be set: pass Overflow.spill(dir, maxBytes)");
            }
            Check.range("spoolMaxBytes", maxBytes, MIN_SPOOL_MAX_BYTES, Long.MAX_VALUE);
        }
    }

    /** Producers wait up to {@code timeout} for room; the default policy, with a 5 s timeout. */
    static Block block(Duration timeout) {
        return new Block(timeout);
    }

    static DropNewest dropNewest() {
        return new DropNewest();
    }

    static DropOldest dropOldest() {
        return new DropOldest();
    }

    /** Undeliverable events go to a crash-safe spool in {@code directory}, at most {@code maxBytes} on disk. */
    static Spill spill(Path directory, long maxBytes) {
        return new Spill(directory, maxBytes);
    }

    /** {@link Block} with {@link #DEFAULT_BLOCK_TIMEOUT}. */
    static Overflow ofDefaults() {
        return block(DEFAULT_BLOCK_TIMEOUT);
    }
}
