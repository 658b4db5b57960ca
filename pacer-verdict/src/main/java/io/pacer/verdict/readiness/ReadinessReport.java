package io.pacer.verdict.readiness;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one readiness run found, as {@code pacer readiness --output} writes it (schema {@value #SCHEMA},
 * docs/readiness.md): the environment and inputs, every finding with its evidence, why and fix, the score with every
 * deduction, the categories not checked, and the verdict.
 *
 * @param schema always {@value #SCHEMA}
 * @param time when the run was made
 * @param environment the environment severities were judged for
 * @param inputs what the run was given
 * @param warnings what reading the inputs warned about (unknown keys, keys set twice), one line each
 * @param findings most severe first, then by category and rule id
 * @param score the score and its arithmetic
 * @param verdict ready or not, and why
 */
public record ReadinessReport(
        String schema,
        Instant time,
        Environment environment,
        Inputs inputs,
        List<String> warnings,
        List<Finding> findings,
        ReadinessScore score,
        Verdict verdict) {

    public static final String SCHEMA = "pacer.readiness/1";

    public ReadinessReport {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(inputs, "inputs");
        warnings = List.copyOf(warnings);
        findings = List.copyOf(findings);
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(verdict, "verdict");
    }

    /**
     * What the run was given; absent inputs are null.
     *
     * @param producerConfig the producer's properties file
     * @param consumerConfig the consumer's properties file
     * @param bootstrap the cluster read through AdminClient
     * @param topics the topics focused on (empty: all)
     * @param expectedRate the producer's expected records per second
     * @param processingTimeMillis the consumer's processing time per poll batch, ms
     * @param resources where the host and JVM figures came from
     * @param quickBench whether a quick benchmark ran
     */
    public record Inputs(
            String producerConfig,
            String consumerConfig,
            String bootstrap,
            List<String> topics,
            Double expectedRate,
            Long processingTimeMillis,
            String resources,
            boolean quickBench) {

        public Inputs {
            topics = List.copyOf(topics);
        }

        static Inputs of(ReadinessInput input) {
            return new Inputs(
                    input.producer() == null ? null : input.producer().source().toString(),
                    input.consumer() == null ? null : input.consumer().source().toString(),
                    input.cluster() == null ? null : input.cluster().bootstrap(),
                    input.topics(),
                    input.expectedRate(),
                    input.processingTime() == null
                            ? null
                            : input.processingTime().toMillis(),
                    input.resources() == null ? null : input.resources().source(),
                    input.performance() != null);
        }
    }

    /**
     * Ready or not.
     *
     * @param ready whether no finding reached {@code failOn} and the score reached {@code minScore}
     * @param minScore the policy's lowest acceptable score
     * @param failOn the policy's least severe failing finding
     * @param reasons why it is not ready, one line each; empty when ready
     */
    public record Verdict(boolean ready, int minScore, Severity failOn, List<String> reasons) {

        public Verdict {
            Objects.requireNonNull(failOn, "failOn");
            reasons = List.copyOf(reasons);
        }
    }

    /** The report as JSON, written with Pacer's one Jackson setup ({@link io.pacer.internal.Json}). */
    public String toJson() {
        try {
            return io.pacer.internal.Json.documentWriter().writeValueAsString(this) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a readiness report cannot be written as JSON", e);
        }
    }

    /** How many findings have {@code severity}. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
