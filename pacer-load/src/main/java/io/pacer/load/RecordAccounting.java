package io.pacer.load;

import io.pacer.internal.Check;

/**
 * The fate of every record a run followed end to end (the stream test: each record carries an id from the input
 * topic, through the system under test, to the output topic). Only a driver that follows records that way reports
 * it ({@link Driver#accounting()}); for the others a {@link RunResult} has none, which is not the same as nothing
 * lost.
 *
 * <p>It covers the whole run, warm-up included: a record lost during the warm-up is lost all the same. Figures are
 * final once nothing more can arrive: the engine reads them after the last operation settled, so a record counted
 * lost arrived neither within its operation nor within the drain timeout.
 *
 * @param issued records sent, each with an id of its own
 * @param received distinct issued ids seen at the end
 * @param lost issued ids never seen ({@code issued - received})
 * @param duplicated arrivals of an id already seen (an id seen three times counts 2)
 * @param unknown arrivals whose id this run never issued, or with no id at all
 */
public record RecordAccounting(long issued, long received, long lost, long duplicated, long unknown) {

    public RecordAccounting {
        Check.range("issued", issued, 0, Long.MAX_VALUE);
        Check.range("received", received, 0, Long.MAX_VALUE);
        Check.range("lost", lost, 0, Long.MAX_VALUE);
        Check.range("duplicated", duplicated, 0, Long.MAX_VALUE);
        Check.range("unknown", unknown, 0, Long.MAX_VALUE);
    }

    /** These figures added to {@code other}'s: runs made at the same time by several processes. */
    public RecordAccounting plus(RecordAccounting other) {
        return new RecordAccounting(
                issued + other.issued,
                received + other.received,
                lost + other.lost,
                duplicated + other.duplicated,
                unknown + other.unknown);
    }
}
