package io.pacer.verdict.compare;

/** What became of one metric between a baseline and a result. */
public enum ChangeVerdict {
    /** Significantly better, by more than the tolerance. */
    IMPROVED,
    /** No significant change, or one within the tolerance. */
    UNCHANGED,
    /** Significantly worse, by more than the tolerance. */
    REGRESSED,
    /** Too few samples (or none) to tell; never counted as a regression, always reported with its reason. */
    INCONCLUSIVE
}
