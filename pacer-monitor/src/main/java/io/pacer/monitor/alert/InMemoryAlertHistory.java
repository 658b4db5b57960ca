package io.pacer.monitor.alert;

import io.pacer.internal.Check;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link AlertHistory#inMemory}: a bounded deque of transitions plus the open alerts by key, under one lock. */
final class InMemoryAlertHistory implements AlertHistory {
    private final int capacity;
    private final ArrayDeque<AlertTransition> transitions = new ArrayDeque<>();
    private final Map<String, AlertTransition> open = new LinkedHashMap<>();

    InMemoryAlertHistory(int capacity) {
        Check.range("capacity", capacity, 1, 10_000_000);
        this.capacity = capacity;
    }

    @Override
    public synchronized void record(AlertTransition t) {
        if (transitions.size() == capacity) {
            transitions.removeFirst();
        }
        transitions.addLast(t);
        String key = t.rule() + '\n' + t.series();
        if (t.to() == AlertState.PENDING || t.to() == AlertState.FIRING) {
            open.remove(key);
            open.put(key, t);
        } else {
            open.remove(key);
        }
    }

    @Override
    public synchronized List<AlertTransition> transitions(Instant from, Instant to, int limit) {
        Check.atLeast("limit", limit, 0);
        ArrayDeque<AlertTransition> newest = new ArrayDeque<>();
        var it = transitions.descendingIterator();
        while (it.hasNext() && newest.size() < limit) {
            AlertTransition t = it.next();
            if (!t.at().isBefore(from) && t.at().isBefore(to)) {
                newest.addFirst(t);
            }
        }
        return List.copyOf(newest);
    }

    @Override
    public synchronized List<AlertTransition> open() {
        List<AlertTransition> result = new ArrayList<>(open.values());
        result.sort(Comparator.comparing(AlertTransition::at));
        return List.copyOf(result);
    }
}
