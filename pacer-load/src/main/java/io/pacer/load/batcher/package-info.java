/**
 * The batcher load test ({@code pacer batcher}): events offered at the pacing's rate to a Pacer
 * {@code io.pacer.batch.Batcher} in front of Kafka, a Redis stream or memory, with scripted sink faults
 * ({@link io.pacer.load.batcher.SinkFaults}), reporting batching efficiency, batch sizes, drops, spool depth,
 * retries and breaker trips beside the latency. Made by {@link io.pacer.load.batcher.BatcherDrivers}.
 *
 * <p>The batcher tells only whether it accepted an event; a sink between the batcher and the real one
 * ({@code TrackingSink}) sees each acknowledgement and completes the event's operation, so the latency is to
 * delivery.
 */
package io.pacer.load.batcher;
