package io.pacer.analysis;

import io.pacer.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * A seeded PostgreSQL database for the index advisor and the executors: {@code orders} with {@value #ROWS} rows over
 * {@value #CUSTOMERS} customers (10 orders each) and no index but its primary key, and the query load that reads it
 * by customer — the missing index the advisor must find.
 */
public final class PostgresSeed {

    public static final int ROWS = 200_000;
    public static final int CUSTOMERS = 20_000;
    /** The seeded query: selective (1 row in 20 000 per customer), a sequential scan without an index. */
    public static final String QUERY = "SELECT id, amount FROM orders WHERE customer_id = ?";

    private PostgresSeed() {}

    /** A fresh database on {@code server} with {@code pg_stat_statements}; its URL with credentials. */
    public static String database(PostgresServer server) throws SQLException {
        String url = server.newDatabase() + "?user=" + server.user() + "&password=" + server.password();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
        }
        return url;
    }

    /** Creates and fills {@code orders}, then ANALYZEs it. */
    public static void orders(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL,"
                    + " amount int NOT NULL)");
            s.execute("INSERT INTO orders SELECT g, g % " + CUSTOMERS + ", CASE WHEN g % 10 = 0 THEN 'open' ELSE"
                    + " 'closed' END, g % 1000 FROM generate_series(1, " + ROWS + ") g");
            s.execute("ANALYZE orders");
        }
    }

    /** Runs {@link #QUERY} {@code calls} times for different customers and flushes the table statistics. */
    public static void load(Connection c, int calls) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(QUERY)) {
            for (int i = 0; i < calls; i++) {
                p.setInt(1, (i * 7919) % CUSTOMERS);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        r.getLong(1);
                    }
                }
            }
        }
        flush(c);
    }

    /** Makes this session's table statistics visible in {@code pg_stat_user_tables} now. */
    public static void flush(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_stat_force_next_flush()")) {
            r.next();
        }
    }

    /** {@code EXPLAIN (FORMAT JSON)} of the seeded query for customer 42, as text. */
    public static String explain(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("EXPLAIN (FORMAT JSON, VERBOSE) " + QUERY.replace("?", "42"))) {
            r.next();
            return r.getString(1);
        }
    }

    /** The seeded query's wall-clock times over {@code runs} runs, in milliseconds, sorted. */
    public static double[] timedRuns(Connection c, int runs) throws SQLException {
        double[] ms = new double[runs];
        try (PreparedStatement p = c.prepareStatement(QUERY)) {
            for (int i = 0; i < runs; i++) {
                p.setInt(1, (i * 104_729) % CUSTOMERS);
                long start = System.nanoTime();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        r.getLong(1);
                    }
                }
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms;
    }
}
