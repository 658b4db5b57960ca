package io.pacer.server.backup;

import com.zaxxer.hikari.HikariDataSource;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.monitor.store.StorePool;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a restore into a fresh store creates — the SQLite file with its journals and the directories above it that were
 * missing, or on PostgreSQL the tables of a schema that had none — taken note of before the restore, so that a restore
 * that fails removes them again. Otherwise a failed restore would leave an empty, migrated store behind, which the next
 * {@code pacer serve} takes for a real one and the next restore for a store that is in the way.
 */
final class FreshStore {

    private static final String SQLITE = "jdbc:sqlite:";

    private final StoreConfig store;
    /** SQLite: the files and directories that did not exist, deepest first. */
    private final List<Path> missing;
    /** PostgreSQL: the schema held no table at all. */
    private final boolean emptySchema;

    private FreshStore(StoreConfig store, List<Path> missing, boolean emptySchema) {
        this.store = store;
        this.missing = missing;
        this.emptySchema = emptySchema;
    }

    /** Notes what {@code store} lacks now, before a restore creates it. */
    static FreshStore before(StoreConfig store) throws SQLException {
        if (store.jdbcUrl().startsWith(SQLITE)) {
            List<Path> missing = new ArrayList<>();
            Path file = sqliteFile(store.jdbcUrl());
            if (file != null && !Files.exists(file)) {
                for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                    missing.add(file.resolveSibling(file.getFileName() + suffix));
                }
                for (Path dir = file.getParent(); dir != null && !Files.exists(dir); dir = dir.getParent()) {
                    missing.add(dir);
                }
            }
            return new FreshStore(store, List.copyOf(missing), false);
        }
        try (HikariDataSource pool = StorePool.open(store, "pacer-restore-check");
                Connection c = pool.getConnection();
                ResultSet r = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            return new FreshStore(store, List.of(), !r.next());
        }
    }

    /**
     * Removes what the failed restore created; a removal that fails too is added to {@code failure} (which the caller
     * throws) rather than hiding it.
     */
    void remove(Exception failure) {
        try {
            if (emptySchema) {
                dropPacersTables();
            }
            for (Path path : missing) {
                try {
                    Files.deleteIfExists(path);
                } catch (DirectoryNotEmptyException e) {
                    // a directory someone else wrote into meanwhile: not ours to remove
                }
            }
        } catch (IOException | SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void dropPacersTables() throws SQLException {
        try (HikariDataSource pool = StorePool.open(store, "pacer-restore-undo");
                Connection c = pool.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
                while (r.next()) {
                    String name = r.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (name.startsWith(Catalog.PREFIX) || Catalog.HISTORIES.contains(name)) {
                        tables.add(name);
                    }
                }
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String table : tables) {
                    s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The file a SQLite JDBC URL names, or null for an in-memory database. */
    static Path sqliteFile(String jdbcUrl) {
        String rest = jdbcUrl.substring(SQLITE.length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        return rest.isEmpty() || rest.startsWith(":memory:")
                ? null
                : Path.of(rest).toAbsolutePath();
    }
}
