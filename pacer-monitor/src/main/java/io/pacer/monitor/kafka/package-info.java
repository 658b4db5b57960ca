/**
 * Kafka consumer lag, evaluated rather than just reported: {@link io.pacer.monitor.kafka.LagEvaluator} applies
 * Burrow's rules (OK, WARN, STOP, STALL, REWIND) to a window of commits per partition and adds what Burrow lacks —
 * lag in seconds, an estimated catch-up time, and no false STOP on idle topics ({@code docs/lag-history.md});
 * {@link io.pacer.monitor.kafka.KafkaLagCollector} builds those windows from a live cluster through Kafka's
 * AdminClient and yields them as samples.
 */
package io.pacer.monitor.kafka;
