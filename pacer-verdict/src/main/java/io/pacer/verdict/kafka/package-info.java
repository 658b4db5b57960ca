/**
 * Kafka client settings Pacer stands behind: {@link io.pacer.verdict.kafka.KafkaProfile}s for a goal (throughput,
 * latency, durability, balanced, and seed 000's as written), each property with its reason and each cost stated as
 * a {@link io.pacer.verdict.kafka.TradeOff} the readiness check can report; and, in {@code io.pacer.verdict.kafka.tune},
 * the empirical search for the producer settings that suit one cluster and workload.
 */
package io.pacer.verdict.kafka;
