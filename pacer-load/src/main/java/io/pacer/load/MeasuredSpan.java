package io.pacer.load;

/**
 * The operations of a run's measured part that were issued, from the first to the last: the span the target and
 * achieved rates are computed over. {@link PacingLoop#run} returns it when it stops issuing.
 *
 * @param firstSequence the first measured operation, or -1 when the measured part had none
 * @param lastSequence  the last operation issued (-1 when none was)
 * @param firstIntended intended start of the first measured operation (ticker ns)
 * @param lastIntended  intended start of the last operation issued
 * @param firstIssue    when the first measured operation was handed to the driver
 * @param lastIssue     when the last operation was handed to the driver
 */
record MeasuredSpan(
        long firstSequence, long lastSequence, long firstIntended, long lastIntended, long firstIssue, long lastIssue) {

    /** Operations per second the intended starts of the span add up to. */
    double intendedRate() {
        return perSecond(lastIntended - firstIntended);
    }

    /** Operations per second actually handed to the driver over the span. */
    double issueRate() {
        return perSecond(lastIssue - firstIssue);
    }

    private double perSecond(long spanNanos) {
        long gaps = firstSequence < 0 ? 0 : lastSequence - firstSequence;
        return gaps > 0 && spanNanos > 0 ? gaps / (spanNanos / 1e9) : 0;
    }
}
