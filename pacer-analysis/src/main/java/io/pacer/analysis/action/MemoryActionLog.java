package io.pacer.analysis.action;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link ActionLog#inMemory()}: records in a map, newest first by creation time. */
final class MemoryActionLog implements ActionLog {

    private final Map<String, ActionRecord> records = new LinkedHashMap<>();

    @Override
    public synchronized void save(ActionRecord record) {
        records.put(record.id(), record);
    }

    @Override
    public synchronized Optional<ActionRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public synchronized List<ActionRecord> recent(int limit) {
        return records.values().stream()
                .sorted(Comparator.comparing(ActionRecord::createdAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<ActionRecord> withStatus(Set<ActionStatus> statuses) {
        return records.values().stream()
                .filter(r -> statuses.contains(r.status()))
                .toList();
    }
}
