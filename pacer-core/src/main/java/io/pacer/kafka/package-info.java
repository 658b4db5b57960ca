/**
 * Kafka topic handling every part of Pacer shares: the load drivers, the test fixtures, the library's own tests,
 * and later the verdict suites, the distributed workers' control topics and the monitor.
 * {@link io.pacer.kafka.KafkaSetup#connect} waits (bounded) for the cluster, then ensures, creates or requires
 * topics; a created topic is safe for idempotent producers when the call returns (the KAFKA-15591 workaround:
 * leaders awaited, one probe write per partition, the probes deleted — or, where the cluster refuses, left and
 * counted; see {@link io.pacer.kafka.KafkaSetup}). Failures are {@link io.pacer.kafka.KafkaSetupException}s with a
 * one-line message that names the fix.
 *
 * <p>{@code kafka-clients} is an optional dependency of pacer-core: only this package and the Kafka sink load its
 * classes, so an application without Kafka uses the rest of pacer-core as before.
 */
package io.pacer.kafka;
