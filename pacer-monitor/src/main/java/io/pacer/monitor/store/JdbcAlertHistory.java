package io.pacer.monitor.store;

import io.pacer.internal.Check;
import io.pacer.monitor.alert.AlertHistory;
import io.pacer.monitor.alert.AlertState;
import io.pacer.monitor.alert.AlertTransition;
import io.pacer.monitor.alert.SeriesKey;
import io.pacer.monitor.alert.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MetricStore#alertHistory()}: alert transitions in the table {@code pacer_alert_transition} (migration V2),
 * one row each. {@link #record} only queues (the evaluation thread must never wait for the database); the store's
 * writer thread writes the queue in its own transaction before each batch of samples. Reads hold the store's write
 * lock, so a transition is either committed or still queued, never both nor neither, and a reader sees every
 * transition recorded before it asked, written or not.
 */
final class JdbcAlertHistory implements AlertHistory {
    private static final Logger LOG = LoggerFactory.getLogger(AlertHistory.class);

    /** Transitions queued while the database is down; they are few (a handful per alert episode). */
    static final int QUEUE_CAPACITY = 10_000;

    private static final String COLUMNS = "rule, series_name, series_labels, from_state, to_state, severity, value,"
            + " threshold, at_ts, since_ts, action, message";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM pacer_alert_transition t";

    private final DataSource dataSource;
    private final ReentrantLock writing;
    private final Runnable wakeWriter;
    private final boolean readOnly;
    private final ArrayDeque<AlertTransition> queued = new ArrayDeque<>();
    private long dropped;

    JdbcAlertHistory(DataSource dataSource, ReentrantLock writing, Runnable wakeWriter, boolean readOnly) {
        this.dataSource = dataSource;
        this.writing = writing;
        this.wakeWriter = wakeWriter;
        this.readOnly = readOnly;
    }

    @Override
    public void record(AlertTransition transition) {
        if (readOnly) {
            throw new IllegalStateException("the alert history is open for reading only");
        }
        synchronized (queued) {
            if (queued.size() >= QUEUE_CAPACITY) {
                dropped++;
                LOG.warn(
                        "alert history queue full ({} transitions, the store is down): dropped {} {} → {} ({} in all)",
                        QUEUE_CAPACITY,
                        transition.rule(),
                        transition.series(),
                        transition.to(),
                        dropped);
                return;
            }
            queued.addLast(transition);
        }
        wakeWriter.run();
    }

    /** Transitions dropped because the queue was full. */
    long dropped() {
        synchronized (queued) {
            return dropped;
        }
    }

    boolean hasQueued() {
        synchronized (queued) {
            return !queued.isEmpty();
        }
    }

    /** Writes what is queued in one transaction; called by the store holding its write lock. */
    void writeQueued(Connection c) throws SQLException {
        List<AlertTransition> batch;
        synchronized (queued) {
            batch = new ArrayList<>(queued);
        }
        if (batch.isEmpty()) {
            return;
        }
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO pacer_alert_transition (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AlertTransition t : batch) {
                bind(p, t);
                p.addBatch();
            }
            p.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        synchronized (queued) {
            for (int i = 0; i < batch.size(); i++) {
                queued.pollFirst();
            }
        }
    }

    /** Deletes transitions older than {@code cutoff}; called with the store's retention. */
    static int deleteBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM pacer_alert_transition WHERE at_ts < ?")) {
            p.setLong(1, cutoff.toEpochMilli());
            return p.executeUpdate();
        }
    }

    @Override
    public List<AlertTransition> transitions(Instant from, Instant to, int limit) {
        Check.atLeast("limit", limit, 0);
        List<AlertTransition> result = new ArrayList<>();
        writing.lock();
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(
                        SELECT + " WHERE at_ts >= ? AND at_ts < ? ORDER BY at_ts DESC, id DESC LIMIT ?")) {
            p.setLong(1, millis(from));
            p.setLong(2, millis(to));
            p.setInt(3, limit);
            result.addAll(read(p));
            Collections.reverse(result);
            for (AlertTransition t : snapshot()) {
                if (!t.at().isBefore(from) && t.at().isBefore(to)) {
                    result.add(t);
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        } finally {
            writing.unlock();
        }
        return List.copyOf(result.subList(Math.max(0, result.size() - limit), result.size()));
    }

    @Override
    public List<AlertTransition> open() {
        Map<String, AlertTransition> open = new LinkedHashMap<>();
        writing.lock();
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(SELECT
                        + " WHERE t.to_state IN ('PENDING', 'FIRING') AND t.id = (SELECT MAX(u.id) FROM"
                        + " pacer_alert_transition u WHERE u.rule = t.rule AND u.series_name = t.series_name"
                        + " AND u.series_labels = t.series_labels) ORDER BY t.at_ts, t.id")) {
            for (AlertTransition t : read(p)) {
                open.put(key(t), t);
            }
            for (AlertTransition t : snapshot()) {
                open.remove(key(t));
                if (t.to() == AlertState.PENDING || t.to() == AlertState.FIRING) {
                    open.put(key(t), t);
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        } finally {
            writing.unlock();
        }
        List<AlertTransition> result = new ArrayList<>(open.values());
        result.sort(Comparator.comparing(AlertTransition::at));
        return List.copyOf(result);
    }

    /** Epoch milliseconds, saturated: {@link Instant#MIN} and {@link Instant#MAX} are open ends. */
    private static long millis(Instant t) {
        if (t.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))) {
            return Long.MIN_VALUE;
        }
        return t.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE)) ? Long.MAX_VALUE : t.toEpochMilli();
    }

    private List<AlertTransition> snapshot() {
        synchronized (queued) {
            return new ArrayList<>(queued);
        }
    }

    private static String key(AlertTransition t) {
        return t.rule() + '\n' + t.series();
    }

    private static void bind(PreparedStatement p, AlertTransition t) throws SQLException {
        p.setString(1, t.rule());
        p.setString(2, t.series().name());
        p.setString(3, SeriesIds.labelsJson(t.series().labels()));
        p.setString(4, t.from().name());
        p.setString(5, t.to().name());
        p.setString(6, t.severity().name());
        if (t.value() == null || !Double.isFinite(t.value())) {
            p.setNull(7, Types.DOUBLE);
        } else {
            p.setDouble(7, t.value());
        }
        p.setDouble(8, t.threshold());
        p.setLong(9, t.at().toEpochMilli());
        p.setLong(10, t.since().toEpochMilli());
        p.setString(11, t.action());
        p.setString(12, t.message() == null ? "" : t.message());
    }

    private static List<AlertTransition> read(PreparedStatement p) throws SQLException {
        List<AlertTransition> result = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                double value = r.getDouble(7);
                Double boxed = r.wasNull() ? null : value;
                result.add(new AlertTransition(
                        r.getString(1),
                        new SeriesKey(r.getString(2), SeriesIds.parseLabels(r.getString(3))),
                        AlertState.valueOf(r.getString(4)),
                        AlertState.valueOf(r.getString(5)),
                        Severity.valueOf(r.getString(6)),
                        boxed,
                        r.getDouble(8),
                        Instant.ofEpochMilli(r.getLong(9)),
                        Instant.ofEpochMilli(r.getLong(10)),
                        r.getString(11),
                        r.getString(12)));
            }
        }
        return result;
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("alert history query failed: " + e, e);
    }
}
