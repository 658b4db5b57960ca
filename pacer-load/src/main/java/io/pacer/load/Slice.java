package io.pacer.load;

import io.pacer.internal.Check;

/**
 * One generator's part of the id space when several processes act as one run ({@code pacer worker}): slice
 * {@code index} of {@code count} numbers its operations {@code sequence × count + index}, so ids stay unique across
 * generators, and it owns exactly the ids that leave remainder {@code index} — every id has one owner, so records
 * followed end to end are accounted once, by one generator. Something that is no id (negative) belongs to slice 0.
 *
 * @param index 0-based, below {@code count}
 * @param count how many slices the id space is cut into, &ge; 1
 */
public record Slice(int index, int count) {

    /** The whole id space: a run of one process. */
    public static final Slice WHOLE = new Slice(0, 1);

    public Slice {
        Check.atLeast("count", count, 1);
        Check.range("index", index, 0, count - 1);
    }

    /** The id of this slice's {@code sequence}-th operation. */
    public long id(long sequence) {
        return sequence * count + index;
    }

    /** Whether {@code id} is this slice's to account for. */
    public boolean owns(long id) {
        return id < 0 ? index == 0 : id % count == index;
    }

    @Override
    public String toString() {
        return count == 1 ? "all ids" : "ids ≡ " + index + " mod " + count;
    }
}
