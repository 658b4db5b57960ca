package io.pacer.server.monitor;

import io.pacer.monitor.alert.AlertHistory;
import io.pacer.monitor.alert.AlertTransition;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The store's alert history, which also hands every transition (pending ones included, unlike notifiers) to the event
 * stream: the engine records each transition here on its evaluation thread.
 */
final class PublishingHistory implements AlertHistory {

    private final AlertHistory stored;
    private final Consumer<AlertTransition> publish;

    PublishingHistory(AlertHistory stored, Consumer<AlertTransition> publish) {
        this.stored = stored;
        this.publish = publish;
    }

    @Override
    public void record(AlertTransition transition) {
        stored.record(transition);
        publish.accept(transition);
    }

    @Override
    public List<AlertTransition> transitions(Instant from, Instant to, int limit) {
        return stored.transitions(from, to, limit);
    }

    @Override
    public List<AlertTransition> open() {
        return stored.open();
    }
}
