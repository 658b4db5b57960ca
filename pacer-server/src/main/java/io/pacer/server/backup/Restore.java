package io.pacer.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.pacer.internal.Json;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.monitor.store.StorePool;
import io.pacer.server.state.ServerDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * {@code pacer restore}: a {@link Backup} file into a store — a fresh one (empty, or not created yet) unless
 * {@code force} says to replace what is there. Before anything is written the target is migrated to this Pacer's
 * schemas and the file is checked against them (format, schema versions, the same tables and columns); then every
 * table is filled in one transaction, parents before the tables whose foreign keys refer to them, while each entry's
 * row count and SHA-256 are checked against the manifest (and before that, every entry is read through once, so a
 * damaged file is refused before the store is touched). A restore that fails for any reason leaves the target as it
 * was: rolled back, and what it created for a fresh store removed again. Works across databases: a SQLite backup restores
 * into PostgreSQL and back.
 */
public final class Restore {

    private static final int BATCH = 1_000;
    private static final String DAMAGED = "the backup is damaged, nothing was restored";
    /** A constraint's name as PostgreSQL's and SQLite's messages give it — never the row's values. */
    private static final Pattern CONSTRAINT =
            Pattern.compile("constraint \"([^\"]+)\"|(?:UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed(?::"
                    + " ([\\w.]+(?:, [\\w.]+)*))?");

    private Restore() {}

    /**
     * Restores {@code file} into the store {@code store} names.
     *
     * @param force replace whatever the store holds; without it, a store holding any row is refused
     * @return the backup's manifest
     * @throws IllegalArgumentException when the file is not a Pacer backup, is damaged, does not fit this Pacer's
     *     schemas, or the store is not empty without {@code force}
     * @throws IllegalStateException when the database fails
     */
    public static BackupManifest restore(Path file, StoreConfig store, boolean force) {
        try (ZipFile zip = open(file)) {
            BackupManifest manifest = manifest(file, zip);
            verify(file, zip, manifest);
            FreshStore fresh = FreshStore.before(store);
            try {
                MetricStore.migrate(store);
                ServerDatabase.open(store).close();
                try (HikariDataSource pool = StorePool.open(store, "pacer-restore");
                        Connection c = pool.getConnection()) {
                    c.setAutoCommit(false);
                    try {
                        restore(file, zip, manifest, c, force);
                        c.commit();
                    } catch (SQLException | RuntimeException | IOException e) {
                        c.rollback();
                        throw e;
                    } finally {
                        c.setAutoCommit(true);
                    }
                }
            } catch (SQLException | RuntimeException | IOException e) {
                fresh.remove(e);
                throw e;
            }
            return manifest;
        } catch (SQLException e) {
            throw new IllegalStateException("could not restore into " + store.jdbcUrl() + ": " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the backup " + file + ": " + e, e);
        }
    }

    /**
     * Reads every table's entry through once before the store is touched: a damaged file (an entry that does not
     * inflate, rows or a SHA-256 that are not the manifest's) is refused with nothing created or written.
     */
    private static void verify(Path file, ZipFile zip, BackupManifest manifest) {
        for (BackupManifest.Table table : manifest.tables()) {
            ZipEntry entry = entry(file, zip, table);
            MessageDigest sha = Backup.sha256();
            long rows = 0;
            try (InputStream in = new DigestInputStream(zip.getInputStream(entry), sha)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            rows++;
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": entry " + table.entry() + " cannot be read ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); " + DAMAGED);
            }
            checkDigest(file, table, rows, HexFormat.of().formatHex(sha.digest()));
        }
    }

    private static void checkDigest(Path file, BackupManifest.Table table, long rows, String digest) {
        if (rows != table.rows() || !digest.equals(table.sha256())) {
            throw new IllegalArgumentException(
                    file + ": table " + table.name() + " holds " + rows + " rows with SHA-256 "
                            + digest + ", but the manifest says " + table.rows() + " rows with " + table.sha256()
                            + "; the backup is damaged or was altered, and nothing was restored");
        }
    }

    private static ZipEntry entry(Path file, ZipFile zip, BackupManifest.Table table) {
        ZipEntry entry = zip.getEntry(table.entry());
        if (entry == null) {
            throw new IllegalArgumentException(file + ": the manifest lists table " + table.name() + " but the file has"
                    + " no " + table.entry() + "; " + DAMAGED);
        }
        return entry;
    }

    private static ZipFile open(Path file) throws IOException {
        if (!file.toFile().isFile()) {
            throw new IllegalArgumentException(file + ": no such backup file");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IllegalArgumentException(file + ": not a Pacer backup (not a zip file: " + e.getMessage() + ")");
        }
    }

    private static BackupManifest manifest(Path file, ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(Backup.MANIFEST);
        if (entry == null) {
            throw new IllegalArgumentException(
                    file + ": not a Pacer backup, or one cut short (no " + Backup.MANIFEST + ")");
        }
        BackupManifest manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = Json.documentReader().forType(BackupManifest.class).readValue(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable " + Backup.MANIFEST + ": " + e.getMessage());
        }
        if (!BackupManifest.FORMAT.equals(manifest.format())) {
            throw new IllegalArgumentException(file + ": backup format " + manifest.format() + " is not "
                    + BackupManifest.FORMAT + ", the one this Pacer reads");
        }
        return manifest;
    }

    private static void restore(Path file, ZipFile zip, BackupManifest manifest, Connection c, boolean force)
            throws SQLException, IOException {
        Map<String, String> schemas = Catalog.schemas(c);
        // A backup of a store that holds only some of the schemas (pacer monitor's store has the history, not the
        // service's state) restores into a store that has more, at the same versions: the others stay as they are.
        boolean partOfThis = schemas.keySet().containsAll(manifest.schemas().keySet())
                && manifest.schemas().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(schemas.get(e.getKey())));
        if (!partOfThis) {
            throw new IllegalArgumentException(file + ": the backup was taken at schema versions " + manifest.schemas()
                    + ", but this Pacer's are " + schemas
                    + ": restore it with the Pacer version that took it, then start the newer one to migrate");
        }
        Map<String, Catalog.Table> target = new LinkedHashMap<>();
        for (Catalog.Table t : Catalog.parentsFirst(c, Catalog.tables(c))) {
            target.put(t.name().toLowerCase(java.util.Locale.ROOT), t);
        }
        Set<String> inBackup = new TreeSet<>();
        manifest.tables().forEach(t -> inBackup.add(t.name().toLowerCase(java.util.Locale.ROOT)));
        boolean sameSchemas = schemas.equals(manifest.schemas());
        if (sameSchemas ? !inBackup.equals(target.keySet()) : !target.keySet().containsAll(inBackup)) {
            throw new IllegalArgumentException(file + ": the backup holds tables " + inBackup + ", this store "
                    + target.keySet() + ": they must be the same; was the backup taken by another Pacer version?");
        }
        for (BackupManifest.Table t : manifest.tables()) {
            Catalog.Table into = target.get(t.name().toLowerCase(java.util.Locale.ROOT));
            if (!names(t.columns()).equals(names(into.columns()))) {
                throw new IllegalArgumentException(file + ": table " + t.name() + " has columns " + names(t.columns())
                        + " in the backup but " + names(into.columns()) + " in this store");
            }
        }
        for (Catalog.Table t : target.values()) {
            long rows = count(c, t.name());
            if (rows > 0 && !force) {
                throw new IllegalArgumentException("the store is not empty (table " + t.name() + " has " + rows
                        + " rows): restore into a fresh store, or give --force to replace everything in it");
            }
        }
        if (force) {
            List<Catalog.Table> childrenFirst = new ArrayList<>(target.values());
            Collections.reverse(childrenFirst);
            for (Catalog.Table t : childrenFirst) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM " + t.name());
                }
            }
        }
        Map<String, BackupManifest.Table> backedUp = new HashMap<>();
        manifest.tables().forEach(t -> backedUp.put(t.name().toLowerCase(java.util.Locale.ROOT), t));
        boolean postgres = c.getMetaData().getURL().startsWith("jdbc:postgresql:");
        for (Map.Entry<String, Catalog.Table> into : target.entrySet()) {
            if (!backedUp.containsKey(into.getKey())) {
                continue; // a schema the backed-up store did not have
            }
            try {
                fill(file, zip, backedUp.get(into.getKey()), into.getValue(), c);
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "could not restore table " + into.getValue().name() + ": " + describe(e)
                                + "; nothing was restored",
                        e);
            }
            if (postgres) {
                resetSequences(c, into.getValue());
            }
        }
    }

    private static void fill(Path file, ZipFile zip, BackupManifest.Table table, Catalog.Table into, Connection c)
            throws SQLException, IOException {
        ZipEntry entry = entry(file, zip, table);
        Map<String, String> targetKinds = new HashMap<>();
        into.columns().forEach(col -> targetKinds.put(col.name().toLowerCase(java.util.Locale.ROOT), col.kind()));
        List<BackupManifest.Column> columns = table.columns();
        String[] kinds = new String[columns.size()];
        StringBuilder sql = new StringBuilder("INSERT INTO " + into.name() + " (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(columns.get(i).name());
            kinds[i] = targetKinds.get(columns.get(i).name().toLowerCase(java.util.Locale.ROOT));
        }
        sql.append(") VALUES (").append("?, ".repeat(columns.size() - 1)).append("?)");
        MessageDigest sha = Backup.sha256();
        long rows = 0;
        try (InputStream raw = zip.getInputStream(entry);
                DigestInputStream digesting = new DigestInputStream(raw, sha);
                BufferedReader lines = new BufferedReader(new InputStreamReader(digesting, StandardCharsets.UTF_8));
                PreparedStatement insert = c.prepareStatement(sql.toString())) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode row = row(file, table, rows + 1, line, columns.size());
                for (int i = 0; i < kinds.length; i++) {
                    Values.bind(insert, i + 1, kinds[i], row.get(i));
                }
                insert.addBatch();
                rows++;
                if (rows % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        checkDigest(file, table, rows, HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * What a failed insert says without the row: its SQL state and the constraint it broke. The driver's own message
     * is left out, as it may quote the values (PostgreSQL prints the failed batch entry, API key hashes included).
     */
    static String describe(SQLException e) {
        SQLException cause = e.getNextException() != null ? e.getNextException() : e;
        StringBuilder said = new StringBuilder("SQL state " + cause.getSQLState());
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        int detail = message.indexOf("\n");
        Matcher m = CONSTRAINT.matcher(detail < 0 ? message : message.substring(0, detail));
        if (m.find()) {
            said.append(", constraint ").append(m.group(1) != null ? m.group(1) : m.group());
        }
        return said.toString();
    }

    private static JsonNode row(Path file, BackupManifest.Table table, long number, String line, int columns) {
        JsonNode row;
        try {
            row = Json.documentReader().readTree(line);
        } catch (IOException e) {
            row = null;
        }
        if (row == null || !row.isArray() || row.size() != columns) {
            throw new IllegalArgumentException(file + ": row " + number + " of table " + table.name()
                    + " is not an array of " + columns + " values; " + DAMAGED);
        }
        return row;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Identity columns continue after the restored ids (SQLite's INTEGER PRIMARY KEY does so by itself). */
    private static void resetSequences(Connection c, Catalog.Table table) throws SQLException {
        for (BackupManifest.Column column : table.columns()) {
            String sequence;
            try (PreparedStatement s = c.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
                s.setString(1, table.name());
                s.setString(2, column.name());
                try (ResultSet r = s.executeQuery()) {
                    sequence = r.next() ? r.getString(1) : null;
                }
            }
            if (sequence != null) {
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT setval('" + sequence + "', COALESCE(MAX(" + column.name()
                                + "), 0) + 1, false) FROM " + table.name())) {
                    r.next();
                }
            }
        }
    }

    private static List<String> names(List<BackupManifest.Column> columns) {
        return columns.stream()
                .map(col -> col.name().toLowerCase(java.util.Locale.ROOT))
                .sorted()
                .toList();
    }
}
