package io.pacer.load.kafka;

import java.util.Objects;
import java.util.function.LongToIntFunction;

/**
 * A built-in processor for tests that decides each record's fate by its id: {@code copies} returns how many copies
 * to write (0 drops it, 2 duplicates it).
 */
record Fated(LongToIntFunction copies) implements Processor {
    Fated {
        Objects.requireNonNull(copies, "copies");
    }
}
