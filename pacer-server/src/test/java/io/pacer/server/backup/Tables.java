package io.pacer.server.backup;

import io.pacer.monitor.store.StoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every table of a store read back with plain JDBC (not the backup's own reader): per table, its rows as sorted lists
 * of values normalised across SQLite and PostgreSQL (integers as Long, reals as Double), for comparing stores row by
 * row. Flyway's histories are left out: they record when a schema was installed, which differs by design.
 */
final class Tables {

    private Tables() {}

    static Connection connect(StoreConfig store) throws SQLException {
        return store.user() == null
                ? DriverManager.getConnection(store.jdbcUrl())
                : DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
    }

    static Map<String, List<List<Object>>> read(StoreConfig store) throws SQLException {
        Map<String, List<List<Object>>> tables = new TreeMap<>();
        try (Connection c = connect(store)) {
            List<String> names = new ArrayList<>();
            try (ResultSet r = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
                while (r.next()) {
                    String name = r.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!name.contains("schema_history") && !name.startsWith("sqlite_")) {
                        names.add(name);
                    }
                }
            }
            for (String name : names) {
                tables.put(name, rows(c, name));
            }
        }
        return tables;
    }

    private static List<List<Object>> rows(Connection c, String table) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = r.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            List<String> sorted = columns.stream().sorted().toList();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (String column : sorted) {
                    row.add(normalise(r.getObject(columns.indexOf(column) + 1)));
                }
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    private static Object normalise(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 && !(value instanceof Double || value instanceof Float)
                    ? (Object) (long) d
                    : (Object) d;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value;
    }
}
