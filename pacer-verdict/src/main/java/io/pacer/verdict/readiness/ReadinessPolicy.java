package io.pacer.verdict.readiness;

import io.pacer.internal.Check;
import java.util.Objects;

/**
 * When a readiness run says "not ready": a finding at or above {@code failOn}, or an overall score below
 * {@code minScore}.
 *
 * @param minScore the lowest acceptable overall score, 0 to 100 (0 accepts any score)
 * @param failOn the least severe finding that makes the run not ready (critical or warning)
 */
public record ReadinessPolicy(int minScore, Severity failOn) {

    public static final int DEFAULT_MIN_SCORE = 0;
    public static final Severity DEFAULT_FAIL_ON = Severity.CRITICAL;
    public static final ReadinessPolicy DEFAULT = new ReadinessPolicy(DEFAULT_MIN_SCORE, DEFAULT_FAIL_ON);

    public ReadinessPolicy {
        Check.range("minScore", minScore, 0, 100);
        Objects.requireNonNull(failOn, "failOn");
        Check.that(failOn != Severity.INFO, "failOn", "critical or warning", failOn.label());
    }
}
