package io.pacer.server.backup;

import io.pacer.monitor.store.MetricStore;
import io.pacer.server.state.ServerDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables of Pacer's database as its catalog lists them — so a table another feature adds later is backed up
 * without anyone remembering to list it — and the schema version of each Flyway history. A table that is not Pacer's,
 * or a column whose type a backup cannot carry, is an error naming it: a backup that silently skipped something would
 * be found out only when it is needed.
 */
final class Catalog {

    /** Flyway's histories: not data (a restore migrates the target itself), recorded as versions in the manifest. */
    static final List<String> HISTORIES = List.of(MetricStore.SCHEMA_HISTORY_TABLE, ServerDatabase.HISTORY_TABLE);

    /** Every Pacer table's name starts with this. */
    static final String PREFIX = "pacer_";

    private Catalog() {}

    /** A table, its columns in order and its primary key's columns (empty when it has none). */
    record Table(String name, List<BackupManifest.Column> columns, List<String> primaryKey) {}

    /**
     * Pacer's tables, sorted by name.
     *
     * @throws IllegalArgumentException naming a table that is not Pacer's or a column of a type no backup carries
     */
    static List<Table> tables(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String schema = c.getSchema();
        Map<String, Table> tables = new TreeMap<>();
        try (ResultSet r = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (r.next()) {
                String name = r.getString("TABLE_NAME");
                String lower = name.toLowerCase(Locale.ROOT);
                if (HISTORIES.contains(lower) || lower.startsWith("sqlite_")) {
                    continue;
                }
                if (!lower.startsWith(PREFIX)) {
                    throw new IllegalArgumentException("the database holds table '" + name + "', which is not Pacer's"
                            + " (Pacer's tables start with " + PREFIX + "): keep Pacer in a database of its own, or"
                            + " move '" + name + "' out of it, so that a backup is exactly Pacer's state");
                }
                tables.put(name, new Table(name, columns(meta, schema, name), primaryKey(meta, schema, name)));
            }
        }
        return List.copyOf(tables.values());
    }

    /**
     * {@code tables} in foreign-key order, as the catalog declares the keys: every table after the tables it refers to
     * (parents first, so a restore fills them without breaking a constraint; children first in reverse, to empty them),
     * and otherwise by name.
     *
     * @throws IllegalArgumentException naming tables that refer to each other, which no order can fill
     */
    static List<Table> parentsFirst(Connection c, List<Table> tables) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        Map<String, Table> byName = new TreeMap<>();
        tables.forEach(t -> byName.put(t.name().toLowerCase(Locale.ROOT), t));
        Map<String, Set<String>> parents = new TreeMap<>();
        for (Table t : tables) {
            Set<String> of = new TreeSet<>();
            try (ResultSet r = meta.getImportedKeys(null, c.getSchema(), t.name())) {
                while (r.next()) {
                    String parent = r.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (byName.containsKey(parent) && !parent.equals(t.name().toLowerCase(Locale.ROOT))) {
                        of.add(parent);
                    }
                }
            }
            parents.put(t.name().toLowerCase(Locale.ROOT), of);
        }
        List<Table> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : byName.keySet()) {
            visit(name, parents, byName, done, new LinkedHashSet<>(), ordered);
        }
        return List.copyOf(ordered);
    }

    private static void visit(
            String name,
            Map<String, Set<String>> parents,
            Map<String, Table> byName,
            Set<String> done,
            Set<String> path,
            List<Table> ordered) {
        if (done.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            throw new IllegalArgumentException("tables " + path + " refer to each other through foreign keys, so no"
                    + " order fills them one after another: make one of the keys nullable or drop it");
        }
        for (String parent : parents.get(name)) {
            visit(parent, parents, byName, done, path, ordered);
        }
        path.remove(name);
        done.add(name);
        ordered.add(byName.get(name));
    }

    /** Per Flyway history present, the latest version successfully applied. */
    static Map<String, String> schemas(Connection c) throws SQLException {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String history : HISTORIES) {
            if (!exists(c, history)) {
                continue;
            }
            String latest = null;
            try (Statement s = c.createStatement();
                    ResultSet r =
                            s.executeQuery("SELECT version, success FROM " + history + " ORDER BY installed_rank")) {
                while (r.next()) {
                    if (r.getString(1) != null && r.getBoolean(2)) {
                        latest = r.getString(1);
                    }
                }
            }
            versions.put(history, latest);
        }
        return versions;
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (ResultSet r = c.getMetaData().getTables(null, c.getSchema(), table, new String[] {"TABLE"})) {
            return r.next();
        }
    }

    private static List<BackupManifest.Column> columns(DatabaseMetaData meta, String schema, String table)
            throws SQLException {
        List<BackupManifest.Column> columns = new ArrayList<>();
        try (ResultSet r = meta.getColumns(null, schema, table, "%")) {
            while (r.next()) {
                String name = r.getString("COLUMN_NAME");
                columns.add(new BackupManifest.Column(
                        name, kind(table, name, r.getInt("DATA_TYPE"), r.getString("TYPE_NAME"))));
            }
        }
        return columns;
    }

    private static List<String> primaryKey(DatabaseMetaData meta, String schema, String table) throws SQLException {
        Map<Integer, String> key = new TreeMap<>();
        try (ResultSet r = meta.getPrimaryKeys(null, schema, table)) {
            while (r.next()) {
                key.put(r.getInt("KEY_SEQ"), r.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(key.values());
    }

    /**
     * How a column's values are written: from its declared type's name first (sqlite-jdbc reports a BLOB as VARCHAR and
     * a BOOLEAN as INTEGER), else from its JDBC type. Dates and times are refused: Pacer keeps instants as epoch
     * milliseconds, and a timestamp does not travel between SQLite (text) and PostgreSQL unchanged.
     */
    static String kind(String table, String column, int jdbcType, String typeName) {
        String declared = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
        if (declared.contains("BLOB") || declared.contains("BYTEA") || declared.contains("BINARY")) {
            return "binary";
        }
        if (declared.contains("BOOL")) {
            return "boolean";
        }
        if (declared.contains("TIME") || declared.contains("DATE")) {
            throw cannotCarry(table, column, jdbcType, typeName);
        }
        switch (jdbcType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT:
                return "integer";
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL:
                return "real";
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB, Types.NVARCHAR, Types.NCHAR:
                return "text";
            case Types.BOOLEAN, Types.BIT:
                return "boolean";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB:
                return "binary";
            default:
                break;
        }
        if (declared.contains("INT")) {
            return "integer";
        }
        if (declared.contains("CHAR") || declared.contains("TEXT") || declared.contains("CLOB")) {
            return "text";
        }
        if (declared.contains("DOUB") || declared.contains("REAL") || declared.contains("FLOA")) {
            return "real";
        }
        throw cannotCarry(table, column, jdbcType, typeName);
    }

    private static IllegalArgumentException cannotCarry(String table, String column, int jdbcType, String typeName) {
        return new IllegalArgumentException("column " + table + "." + column + " is of type " + typeName
                + " (JDBC type " + jdbcType + "), which a backup cannot carry: use BIGINT (epoch milliseconds for"
                + " instants), INTEGER, DOUBLE PRECISION, VARCHAR, TEXT, BOOLEAN or BYTEA/BLOB");
    }
}
