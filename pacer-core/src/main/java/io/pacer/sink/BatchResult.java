package io.pacer.sink;

import io.pacer.internal.Check;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of delivering one batch: which events (by index in the batch) the transport rejected, and why.
 * An empty list of failures means every event was acknowledged.
 */
public record BatchResult(List<EventFailure> failures) {

    private static final BatchResult OK = new BatchResult(List.of());

    public BatchResult {
        failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    }

    /** Every event acknowledged. */
    public static BatchResult ok() {
        return OK;
    }

    /** Some events rejected; the others acknowledged. */
    public static BatchResult partial(List<EventFailure> failures) {
        return failures.isEmpty() ? OK : new BatchResult(failures);
    }

    public boolean allDelivered() {
        return failures.isEmpty();
    }

    /** One rejected event: its index in the delivered batch and the transport's reason. */
    public record EventFailure(int index, Throwable cause) {
        public EventFailure {
            Check.atLeast("index", index, 0);
            Objects.requireNonNull(cause, "cause");
        }
    }
}
