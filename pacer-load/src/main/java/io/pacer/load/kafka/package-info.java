/**
 * Kafka drivers for the load engine, made by {@link io.pacer.load.kafka.KafkaDrivers}: produce (one record per
 * operation, completed by the broker's acknowledgement), consume (one poll per operation; lag and rebalance times)
 * and the end-to-end stream test drawn below. Each driver's {@code open()} checks the cluster first and fails with a
 * one-line {@link io.pacer.load.LoadSetupException} a CLI can print as it is.
 *
 * <pre>
 *  engine ──start(call)──▶ Arrivals.expect(id) ──▶ input topic ──▶ processor ──▶ output topic ──▶ reader thread
 *     ▲                   key = id, header =        (built in: pass-through,   (keeps the key)    │ first sight of id:
 *     │                   intended start (µs)        delay(d), or your own)                       │ complete its stage
 *     └──────────────────── stage completes: latency from the intended start ◀───────────────────┘ again: duplicate
 *                                                                                                   never: lost
 * </pre>
 */
package io.pacer.load.kafka;
