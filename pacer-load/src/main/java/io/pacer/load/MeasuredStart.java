package io.pacer.load;

/**
 * The reporter's hand-over to the pacing loop ({@link PacingLoop#measureFrom}): the measured part begins at
 * {@code at}, and {@code recordsBase} records had been completed before it — {@link #RECORDS_UNKNOWN} while a fixed
 * warm-up, whose end is known in advance, is still running. Immutable, so one volatile write publishes both.
 *
 * @param at          ticker time at which the measured part begins (the warm-up ends)
 * @param recordsBase records completed before {@code at}, or {@link #RECORDS_UNKNOWN}
 */
record MeasuredStart(long at, long recordsBase) {

    static final long RECORDS_UNKNOWN = -1;
}
