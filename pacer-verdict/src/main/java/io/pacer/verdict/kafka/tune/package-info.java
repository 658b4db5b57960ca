/**
 * {@code pacer kafka tune}: an adaptive search (successive halving within a time budget) over {@code batch.size} ×
 * {@code linger.ms} × {@code compression.type} (× {@code acks} when durability allows) of short runs of the load
 * engine's producer test, judged by a p99 target first and throughput second against Kafka's defaults measured in
 * the same run; entry point {@link io.pacer.verdict.kafka.tune.Tuner}, result {@link
 * io.pacer.verdict.kafka.tune.TuneResult} (schema {@code pacer.tune-result/1}, {@code docs/tuning.md}).
 */
package io.pacer.verdict.kafka.tune;
