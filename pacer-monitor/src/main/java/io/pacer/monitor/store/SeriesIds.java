package io.pacer.monitor.store;

import io.pacer.internal.Json;
import io.pacer.monitor.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Interns series: name plus labels to a numeric id, so a stored sample is three numbers. Known ids are cached; a new
 * series is inserted (or found, if another writer inserted it) in the writing transaction, and cached only once that
 * transaction commits ({@link #commit}), so a rolled-back id is never used.
 */
final class SeriesIds {

    /** A series as the cache knows it. */
    record Key(String name, Map<String, String> labels) {}

    private final Map<Key, Long> known = new HashMap<>();
    private final Map<Key, Long> uncommitted = new HashMap<>();

    /** The id of each sample's series, inserting new series through {@code connection}. */
    long[] ids(Connection connection, List<Sample> samples) throws SQLException {
        long[] ids = new long[samples.size()];
        for (int i = 0; i < ids.length; i++) {
            Sample s = samples.get(i);
            Key key = new Key(s.name(), s.labels());
            Long id = known.get(key);
            if (id == null) {
                id = uncommitted.get(key);
            }
            if (id == null) {
                id = intern(connection, key);
                uncommitted.put(key, id);
            }
            ids[i] = id;
        }
        return ids;
    }

    /** The transaction that inserted the new series committed. */
    void commit() {
        known.putAll(uncommitted);
        uncommitted.clear();
    }

    /** It rolled back. */
    void rollback() {
        uncommitted.clear();
    }

    private static long intern(Connection c, Key key) throws SQLException {
        String labels = labelsJson(key.labels());
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO pacer_series (name, labels) VALUES (?, ?) ON CONFLICT (name, labels) DO NOTHING")) {
            insert.setString(1, key.name());
            insert.setString(2, labels);
            insert.executeUpdate();
        }
        try (PreparedStatement select =
                c.prepareStatement("SELECT id FROM pacer_series WHERE name = ? AND labels = ?")) {
            select.setString(1, key.name());
            select.setString(2, labels);
            try (ResultSet r = select.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Labels as stored: a JSON object, keys sorted. */
    static String labelsJson(Map<String, String> labels) {
        try {
            return Json.valueWriter(Map.class).writeValueAsString(new TreeMap<>(labels));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> parseLabels(String json) {
        try {
            Map<?, ?> raw = Json.valueReader(Map.class).readValue(json);
            Map<String, String> labels = new LinkedHashMap<>();
            raw.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
