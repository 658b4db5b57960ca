package io.pacer.monitor.store;

import io.pacer.monitor.Sample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The store's SQL: the same statements for SQLite and PostgreSQL. */
final class StoreSql {

    private static final String UPSERT_ROLLUP = "INSERT INTO pacer_rollup (series_id, step, bucket, sample_count,"
            + " value_sum, value_min, value_max, value_last, last_ts, histogram) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (series_id, step, bucket) DO UPDATE SET sample_count = excluded.sample_count,"
            + " value_sum = excluded.value_sum, value_min = excluded.value_min, value_max = excluded.value_max,"
            + " value_last = excluded.value_last, last_ts = excluded.last_ts, histogram = excluded.histogram";

    private static final String SELECT_ROLLUP = "SELECT sample_count, value_sum, value_min, value_max, value_last,"
            + " last_ts, histogram FROM pacer_rollup WHERE series_id = ? AND step = ? AND bucket = ?";

    private StoreSql() {}

    static int stepSeconds(Resolution r) {
        return (int) r.step().toSeconds();
    }

    static Map<Resolution, Long> watermarks(Connection c) throws SQLException {
        Map<Resolution, Long> result = new EnumMap<>(Resolution.class);
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT step, closed_until FROM pacer_rollup_state")) {
            while (r.next()) {
                for (Resolution res : Rollups.rolled()) {
                    if (stepSeconds(res) == r.getInt(1)) {
                        result.put(res, r.getLong(2));
                    }
                }
            }
        }
        return result;
    }

    static void saveWatermarks(Connection c, Map<Resolution, Long> watermarks) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO pacer_rollup_state (step, closed_until)"
                + " VALUES (?, ?) ON CONFLICT (step) DO UPDATE SET closed_until = excluded.closed_until")) {
            for (Map.Entry<Resolution, Long> e : watermarks.entrySet()) {
                if (e.getValue() != Long.MIN_VALUE) {
                    p.setInt(1, stepSeconds(e.getKey()));
                    p.setLong(2, e.getValue());
                    p.addBatch();
                }
            }
            p.executeBatch();
        }
    }

    static void insertSamples(Connection c, List<Sample> samples, long[] ids) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("INSERT INTO pacer_sample (series_id, ts, value, histogram) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < ids.length; i++) {
                Sample s = samples.get(i);
                p.setLong(1, ids[i]);
                p.setLong(2, s.timestamp().toEpochMilli());
                p.setDouble(3, s.value());
                if (s.histogram() == null) {
                    p.setNull(4, Types.VARCHAR);
                } else {
                    p.setString(4, s.histogram());
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Writes buckets nothing was stored for (or replaces them: writing twice is harmless). */
    static void upsertRollups(Connection c, Map<Rollups.Key, Aggregate> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(UPSERT_ROLLUP)) {
            for (Map.Entry<Rollups.Key, Aggregate> e : rows.entrySet()) {
                bindRollup(p, e.getKey(), e.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Merges deltas into the stored buckets (a bucket not stored yet is the delta). */
    static void mergeRollups(Connection c, Map<Rollups.Key, Aggregate> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        try (PreparedStatement select = c.prepareStatement(SELECT_ROLLUP);
                PreparedStatement upsert = c.prepareStatement(UPSERT_ROLLUP)) {
            for (Map.Entry<Rollups.Key, Aggregate> e : deltas.entrySet()) {
                Rollups.Key key = e.getKey();
                select.setLong(1, key.series());
                select.setInt(2, stepSeconds(key.resolution()));
                select.setLong(3, key.bucket());
                Aggregate merged = e.getValue();
                try (ResultSet r = select.executeQuery()) {
                    if (r.next()) {
                        merged = aggregate(r, 1);
                        merged.merge(e.getValue());
                    }
                }
                bindRollup(upsert, key, merged);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static void bindRollup(PreparedStatement p, Rollups.Key key, Aggregate a) throws SQLException {
        p.setLong(1, key.series());
        p.setInt(2, stepSeconds(key.resolution()));
        p.setLong(3, key.bucket());
        p.setLong(4, a.count());
        p.setDouble(5, a.sum());
        p.setDouble(6, a.min());
        p.setDouble(7, a.max());
        p.setDouble(8, a.last());
        p.setLong(9, a.lastMillis());
        String histogram = a.encodedHistogram();
        if (histogram == null) {
            p.setNull(10, Types.VARCHAR);
        } else {
            p.setString(10, histogram);
        }
    }

    private static Aggregate aggregate(ResultSet r, int first) throws SQLException {
        return Aggregate.of(
                r.getLong(first),
                r.getDouble(first + 1),
                r.getDouble(first + 2),
                r.getDouble(first + 3),
                r.getDouble(first + 4),
                r.getLong(first + 5),
                r.getString(first + 6));
    }

    static List<Long> seriesIds(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id FROM pacer_series")) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        return ids;
    }

    /** Deletes, series by series (each delete an index range), what retention no longer keeps at {@code now}. */
    static int deleteExpired(Connection c, Instant now, Retention retention) throws SQLException {
        List<Long> ids = seriesIds(c);
        int deleted = 0;
        try (PreparedStatement raw = c.prepareStatement("DELETE FROM pacer_sample WHERE series_id = ? AND ts < ?");
                PreparedStatement rolled = c.prepareStatement(
                        "DELETE FROM pacer_rollup WHERE series_id = ? AND step = ? AND bucket < ?")) {
            long rawCutoff = now.minus(retention.raw()).toEpochMilli();
            for (long id : ids) {
                raw.setLong(1, id);
                raw.setLong(2, rawCutoff);
                raw.addBatch();
                for (Resolution r : Rollups.rolled()) {
                    rolled.setLong(1, id);
                    rolled.setInt(2, stepSeconds(r));
                    rolled.setLong(3, now.minus(retention.of(r)).toEpochMilli());
                    rolled.addBatch();
                }
            }
            for (int n : raw.executeBatch()) {
                deleted += Math.max(n, 0);
            }
            for (int n : rolled.executeBatch()) {
                deleted += Math.max(n, 0);
            }
        }
        return deleted;
    }

    static List<String> names(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT DISTINCT name FROM pacer_series ORDER BY name")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    /** The series named {@code query.name()} whose labels match, with their points. */
    static List<Series> query(Connection c, Query query, Resolution resolution) throws SQLException {
        List<Series> result = new ArrayList<>();
        try (PreparedStatement series = c.prepareStatement("SELECT id, labels FROM pacer_series WHERE name = ?")) {
            series.setString(1, query.name());
            try (ResultSet r = series.executeQuery()) {
                while (r.next()) {
                    Map<String, String> labels = SeriesIds.parseLabels(r.getString(2));
                    if (query.matches(labels)) {
                        result.add(new Series(
                                query.name(), labels, resolution, points(c, r.getLong(1), query, resolution)));
                    }
                }
            }
        }
        result.sort((a, b) -> SeriesIds.labelsJson(a.labels()).compareTo(SeriesIds.labelsJson(b.labels())));
        return result;
    }

    private static List<Point> points(Connection c, long id, Query query, Resolution resolution) throws SQLException {
        List<Point> points = new ArrayList<>();
        long from = query.from().toEpochMilli();
        long to = query.to().toEpochMilli();
        if (resolution == Resolution.RAW) {
            try (PreparedStatement p = c.prepareStatement("SELECT ts, value, histogram FROM pacer_sample"
                    + " WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts")) {
                p.setLong(1, id);
                p.setLong(2, from);
                p.setLong(3, to);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        double v = r.getDouble(2);
                        points.add(new Point(Instant.ofEpochMilli(r.getLong(1)), 1, v, v, v, v, r.getString(3)));
                    }
                }
            }
            return points;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT bucket, sample_count, value_sum, value_min, value_max,"
                + " value_last, histogram FROM pacer_rollup WHERE series_id = ? AND step = ? AND bucket >= ?"
                + " AND bucket < ? ORDER BY bucket")) {
            p.setLong(1, id);
            p.setInt(2, stepSeconds(resolution));
            p.setLong(3, from);
            p.setLong(4, to);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    points.add(new Point(
                            Instant.ofEpochMilli(r.getLong(1)),
                            r.getLong(2),
                            r.getDouble(3),
                            r.getDouble(4),
                            r.getDouble(5),
                            r.getDouble(6),
                            r.getString(7)));
                }
            }
        }
        return points;
    }
}
