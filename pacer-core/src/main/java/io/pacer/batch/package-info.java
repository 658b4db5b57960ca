/**
 * The batcher: many producer threads in, batches out to a sink, with a breaker and an overflow policy between.
 *
 * <pre>
 *  producers ──offer──▶ StampedRing (lock-free MPSC, offer time per slot)
 *                           │ one Flusher thread
 *                           ▼
 *                         open batch ──deliver──▶ CircuitBreaker ──▶ BatchSink (Kafka · Redis Streams · yours)
 *                           ▲   │ failed / refused                      │ ack
 *            backlog ◀──────┘   ▼                                       ▼
 *   (DROP_OLDEST sheds here)  SPILL: SegmentSpool on disk ──replay──▶  stats (HdrHistogram, counters) ─▶ snapshot()
 * </pre>
 *
 * <p>Start with {@link io.pacer.batch.Batcher#builder()}; configuration is immutable records
 * ({@link io.pacer.batch.BatchPolicy}, {@link io.pacer.batch.Overflow}, {@link io.pacer.breaker.BreakerPolicy},
 * {@link io.pacer.batch.AdaptivePolicy}) validated when built; runtime changes go through
 * {@link io.pacer.batch.Batcher#tunables()}. What the batcher decides reaches a
 * {@link io.pacer.batch.BatcherListener}; what became of each event, a {@link io.pacer.batch.DeliveryListener}.
 * Everything else in this package is package-private.
 */
package io.pacer.batch;
