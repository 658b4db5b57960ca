package io.pacer.monitor.collect;

import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server through JDBC: {@code pg_stat_database} for every database (cache hit ratio, connections,
 * commits and rollbacks, deadlocks, temporary files), connections against {@code max_connections}, waiting locks, and
 * for the database the URL names {@code pg_stat_user_tables} (sequential vs index scans, dead rows; the
 * {@value #TABLES} tables read most sequentially) and {@code pg_stat_statements} (the {@value #STATEMENTS} slowest
 * statements by mean and by total time, and slow queries per hour — calls of statements whose mean is at least
 * {@value #SLOW_QUERY_SECONDS} s — which seed 002's {@code slow_queries_per_hour} threshold watches).
 *
 * <p>{@code pg_stat_statements} is optional: without it (not created in the database, or not preloaded)
 * {@code postgres.statements.available} is 0 and the log says once why and how to enable it; everything else is
 * still collected. Counters are cumulative since the server's statistics were reset; ratios are over the same span.
 *
 * <p>One connection is kept between collections; a failed collection closes it and the next connects again.
 */
final class PostgresCollector implements Collector, Noted {
    static final int TABLES = 50;
    static final int STATEMENTS = 10;
    /** A statement whose mean execution time is at least this is slow (PostgreSQL's usual log threshold). */
    static final double SLOW_QUERY_SECONDS = 1.0;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCollector.class);

    private final PostgresTarget target;
    private final Duration interval;
    private Connection connection;
    private volatile String statementsProblem;
    private double previousSlowCalls = Double.NaN;
    private Instant previousSlowAt;

    PostgresCollector(PostgresTarget target, Duration interval) {
        this.target = target;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "postgres:" + target.display();
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public synchronized List<Sample> collect(Instant now) throws SQLException {
        try {
            Connection c = connected();
            Samples s = new Samples(now, Map.of("target", target.display()));
            try (Statement st = c.createStatement()) {
                databases(st, s);
                connections(st, s);
                locks(st, s);
                tables(st, s);
                statements(st, s, now);
            }
            return s.list();
        } catch (SQLException | RuntimeException e) {
            close();
            throw new SQLException("postgres " + target.display() + ": " + Failures.reason(e), e);
        }
    }

    private Connection connected() throws SQLException {
        if (connection == null) {
            Duration timeout = interval.compareTo(CollectorRunner.DEFAULT_TIMEOUT) < 0
                    ? interval
                    : CollectorRunner.DEFAULT_TIMEOUT;
            connection = target.connect(timeout, "pacer-monitor");
        }
        return connection;
    }

    private static void databases(Statement st, Samples s) throws SQLException {
        try (ResultSet r = st.executeQuery("SELECT datname, numbackends, xact_commit, xact_rollback, blks_read,"
                + " blks_hit, deadlocks, temp_files, temp_bytes FROM pg_stat_database"
                + " WHERE datname IS NOT NULL AND datname NOT LIKE 'template%'")) {
            while (r.next()) {
                Map<String, String> db = Map.of("database", r.getString(1));
                double read = r.getLong(5);
                double hit = r.getLong(6);
                s.add("postgres.database.connections", r.getLong(2), db, null);
                s.add("postgres.transactions.committed.total", r.getLong(3), db, null);
                s.add("postgres.transactions.rolledback.total", r.getLong(4), db, null);
                s.add("postgres.blocks.read.total", read, db, null);
                s.add("postgres.blocks.hit.total", hit, db, null);
                if (hit + read > 0) {
                    s.add("postgres.cache.hit.ratio", hit / (hit + read), db, null);
                }
                s.add("postgres.deadlocks.total", r.getLong(7), db, null);
                s.add("postgres.temp.files.total", r.getLong(8), db, null);
                s.add("postgres.temp.bytes.total", r.getLong(9), db, null);
            }
        }
    }

    private static void connections(Statement st, Samples s) throws SQLException {
        try (ResultSet r = st.executeQuery("SELECT current_setting('max_connections')::int,"
                + " (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')")) {
            r.next();
            int max = r.getInt(1);
            long used = r.getLong(2);
            s.add("postgres.connections.max", max);
            s.add("postgres.connections", used);
            s.add("postgres.connections.used.ratio", max > 0 ? (double) used / max : Double.NaN);
        }
    }

    private static void locks(Statement st, Samples s) throws SQLException {
        try (ResultSet r = st.executeQuery("SELECT (SELECT count(*) FROM pg_locks WHERE NOT granted),"
                + " (SELECT coalesce(max(extract(epoch FROM clock_timestamp() - state_change)), 0)"
                + " FROM pg_stat_activity WHERE wait_event_type = 'Lock')")) {
            r.next();
            s.add("postgres.locks.waiting", r.getLong(1));
            s.add("postgres.locks.wait.max.seconds", r.getDouble(2));
        }
    }

    private static void tables(Statement st, Samples s) throws SQLException {
        try (ResultSet r = st.executeQuery("SELECT schemaname || '.' || relname, seq_scan, seq_tup_read,"
                + " coalesce(idx_scan, 0), n_live_tup, n_dead_tup FROM pg_stat_user_tables"
                + " ORDER BY seq_tup_read DESC, relname LIMIT " + TABLES)) {
            while (r.next()) {
                Map<String, String> table = Map.of("database", currentDatabase(st), "table", r.getString(1));
                s.add("postgres.table.seq.scans.total", r.getLong(2), table, null);
                s.add("postgres.table.seq.rows.read.total", r.getLong(3), table, null);
                s.add("postgres.table.index.scans.total", r.getLong(4), table, null);
                s.add("postgres.table.rows.live", r.getLong(5), table, null);
                s.add("postgres.table.rows.dead", r.getLong(6), table, null);
            }
        }
    }

    private void statements(Statement st, Samples s, Instant now) throws SQLException {
        String database = currentDatabase(st);
        Map<String, String> db = Map.of("database", database);
        String problem = statementsProblem(st);
        if (problem != null) {
            if (!problem.equals(statementsProblem)) {
                LOG.warn("postgres {}: no slow-query statistics: {}", target.display(), problem);
            }
            statementsProblem = problem;
            s.add("postgres.statements.available", 0, db, null);
            return;
        }
        statementsProblem = null;
        s.add("postgres.statements.available", 1, db, null);
        boolean modern = st.getConnection().getMetaData().getDatabaseMajorVersion() >= 13;
        String mean = modern ? "mean_exec_time" : "mean_time";
        String total = modern ? "total_exec_time" : "total_time";
        Map<String, double[]> byQuery = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        for (String order : new String[] {mean, total}) {
            try (ResultSet r =
                    st.executeQuery("SELECT queryid::text, left(regexp_replace(query, '\\s+', ' ', 'g'), 120),"
                            + " calls, " + total + ", " + mean + " FROM pg_stat_statements"
                            + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                            + " AND queryid IS NOT NULL ORDER BY " + order + " DESC LIMIT " + STATEMENTS)) {
                while (r.next()) {
                    texts.put(r.getString(1), r.getString(2));
                    byQuery.put(
                            r.getString(1), new double[] {r.getLong(3), r.getDouble(4) / 1000, r.getDouble(5) / 1000});
                }
            }
        }
        slowQueries(st, s, db, mean, now);
        byQuery.forEach((id, v) -> {
            Map<String, String> labels = Map.of("database", database, "queryid", id, "query", texts.get(id));
            s.add("postgres.statement.calls.total", v[0], labels, null);
            s.add("postgres.statement.total.seconds", v[1], labels, null);
            s.add("postgres.statement.mean.seconds", v[2], labels, null);
        });
    }

    /**
     * Calls of slow statements (mean at least {@value #SLOW_QUERY_SECONDS} s: pg_stat_statements keeps no per-call
     * times), and their rate per hour since the previous collection.
     */
    private void slowQueries(Statement st, Samples s, Map<String, String> db, String mean, Instant now)
            throws SQLException {
        try (ResultSet r = st.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements"
                + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND " + mean
                + " >= " + SLOW_QUERY_SECONDS * 1000)) {
            r.next();
            double calls = r.getLong(1);
            s.add("postgres.slow_queries.total", calls, db, null);
            if (previousSlowAt != null && now.isAfter(previousSlowAt) && calls >= previousSlowCalls) {
                double hours = Duration.between(previousSlowAt, now).toNanos() / 3.6e12;
                s.add("postgres.slow_queries.per_hour", (calls - previousSlowCalls) / hours, db, null);
            }
            previousSlowCalls = calls;
            previousSlowAt = now;
        }
    }

    /** Why {@code pg_stat_statements} cannot be read in this database, or null when it can. */
    private static String statementsProblem(Statement st) {
        try (ResultSet r = st.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
            r.next();
            if (r.getLong(1) == 0) {
                return "the extension pg_stat_statements is not installed in database " + currentDatabase(st)
                        + " (CREATE EXTENSION pg_stat_statements; it also needs shared_preload_libraries)";
            }
            try (ResultSet probe = st.executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1")) {
                return null;
            }
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String currentDatabase(Statement st) throws SQLException {
        return st.getConnection().getCatalog();
    }

    @Override
    public List<String> notes() {
        String problem = statementsProblem;
        return problem == null ? List.of() : List.of("no slow-query statistics: " + problem);
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already broken
            }
            connection = null;
        }
    }
}
