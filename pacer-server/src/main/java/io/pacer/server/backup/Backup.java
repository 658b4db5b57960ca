package io.pacer.server.backup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.pacer.internal.Json;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.monitor.store.StorePool;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code pacer backup}: the whole state of a Pacer store — the history (samples, rollups, alert transitions) and the
 * service's own tables (settings, users and keys, rules, targets, runs, baselines, audit) — in one file, taken in one
 * read transaction so that it is one consistent moment while the service goes on writing: PostgreSQL at REPEATABLE
 * READ (one snapshot for every table), SQLite in a read transaction on its write-ahead log (writers go on; the reader
 * keeps its snapshot). Samples still in a running service's memory buffer are not in the database yet, and so not in
 * the backup.
 *
 * <p>The file is a zip: one entry {@code tables/NAME.jsonl} per table (one JSON array per row) and, last,
 * {@code manifest.json} ({@link BackupManifest}) with the schema versions, row counts and checksums. It is written
 * aside and moved into place, so a failed backup leaves no half file behind.
 */
public final class Backup {

    /** The manifest's entry in the zip. */
    public static final String MANIFEST = "manifest.json";

    private static final int FETCH_SIZE = 5_000;

    private Backup() {}

    /**
     * Backs up the store {@code store} names into {@code file} (replacing it when it exists).
     *
     * @return what was written
     * @throws IllegalArgumentException when the database holds a table that is not Pacer's, or a column a backup cannot
     *     carry
     * @throws IllegalStateException when the database cannot be read
     */
    public static BackupManifest write(StoreConfig store, Path file, Clock clock) {
        Path target = file.toAbsolutePath();
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // the backup is written beside the target and moved onto it: that would replace a device, a directory's
            // entry or a link (run as root, --output /dev/null would replace /dev/null)
            throw new IllegalArgumentException(file + " exists and is not a regular file (a device, a directory or a"
                    + " link); name a new file or an existing backup file for --output");
        }
        Path staging = null;
        try (HikariDataSource pool = StorePool.open(store, "pacer-backup");
                Connection c = pool.getConnection()) {
            Files.createDirectories(target.getParent());
            staging = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".partial");
            BackupManifest manifest;
            try (OutputStream out = Files.newOutputStream(staging)) {
                manifest = write(c, store.jdbcUrl().startsWith("jdbc:sqlite:") ? "sqlite" : "postgresql", out, clock);
            }
            move(staging, target);
            staging = null;
            return manifest;
        } catch (SQLException e) {
            throw new IllegalStateException("could not back up " + store.jdbcUrl() + ": " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the backup " + file + ": " + e, e);
        } finally {
            if (staging != null) {
                try {
                    Files.deleteIfExists(staging);
                } catch (IOException e) {
                    // a leftover .partial file names itself; nothing reads it
                }
            }
        }
    }

    private static BackupManifest write(Connection c, String database, OutputStream file, Clock clock)
            throws SQLException, IOException {
        c.setAutoCommit(false);
        boolean postgres = database.equals("postgresql");
        if (postgres) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
        }
        try {
            // The snapshot starts at the first read (SQLite: BEGIN DEFERRED; PostgreSQL: the first statement).
            Map<String, String> schemas = Catalog.schemas(c);
            var createdAt = clock.instant();
            List<BackupManifest.Table> tables = new ArrayList<>();
            ObjectMapper mapper = Json.mapper(new JsonFactory());
            mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            try (ZipOutputStream zip = new ZipOutputStream(file)) {
                for (Catalog.Table table : Catalog.tables(c)) {
                    BackupManifest.Table entry = new BackupManifest.Table(table.name(), table.columns(), 0, "");
                    zip.putNextEntry(new ZipEntry(entry.entry()));
                    MessageDigest sha = sha256();
                    DigestOutputStream digesting = new DigestOutputStream(zip, sha);
                    long rows = writeRows(c, table, mapper, digesting);
                    digesting.flush();
                    zip.closeEntry();
                    tables.add(new BackupManifest.Table(
                            table.name(), table.columns(), rows, HexFormat.of().formatHex(sha.digest())));
                }
                BackupManifest manifest =
                        new BackupManifest(BackupManifest.FORMAT, createdAt, database, schemas, tables);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                Json.documentWriter().writeValue(new NonClosing(zip), manifest);
                zip.closeEntry();
                return manifest;
            }
        } finally {
            c.rollback();
            if (postgres) {
                c.setReadOnly(false);
            }
            c.setAutoCommit(true);
        }
    }

    private static long writeRows(Connection c, Catalog.Table table, ObjectMapper mapper, OutputStream out)
            throws SQLException, IOException {
        List<BackupManifest.Column> columns = table.columns();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(columns.get(i).name());
        }
        sql.append(" FROM ").append(table.name());
        if (!table.primaryKey().isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", table.primaryKey()));
        }
        long rows = 0;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(FETCH_SIZE);
            try (ResultSet r = s.executeQuery(sql.toString());
                    JsonGenerator json = mapper.getFactory().createGenerator(out)) {
                while (r.next()) {
                    json.writeStartArray();
                    for (int i = 0; i < columns.size(); i++) {
                        writeValue(json, r, i + 1, columns.get(i).kind());
                    }
                    json.writeEndArray();
                    json.writeRaw('\n');
                    rows++;
                }
            }
        }
        return rows;
    }

    private static void writeValue(JsonGenerator json, ResultSet r, int column, String kind)
            throws SQLException, IOException {
        switch (kind) {
            case "integer" -> {
                long v = r.getLong(column);
                if (r.wasNull()) {
                    json.writeNull();
                } else {
                    json.writeNumber(v);
                }
            }
            case "real" -> {
                double v = r.getDouble(column);
                if (r.wasNull()) {
                    json.writeNull();
                } else if (Double.isFinite(v)) {
                    json.writeNumber(v);
                } else {
                    json.writeString(Double.toString(v));
                }
            }
            case "boolean" -> {
                boolean v = r.getBoolean(column);
                if (r.wasNull()) {
                    json.writeNull();
                } else {
                    json.writeBoolean(v);
                }
            }
            case "binary" -> {
                byte[] v = r.getBytes(column);
                if (v == null) {
                    json.writeNull();
                } else {
                    json.writeString(Base64.getEncoder().encodeToString(v));
                }
            }
            default -> json.writeString(r.getString(column));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Lets Jackson write a document into a zip entry without closing the zip. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
