package io.pacer.cli;

import io.pacer.internal.DataDirectory;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the metric history is: {@code --data-dir} (SQLite, {@code metrics.db}) or {@code --db-url} (PostgreSQL, the
 * password from {@code $PACER_DB_PASSWORD}). One set of flags for {@code pacer monitor}, which writes the store, and
 * {@code pacer metrics export} and {@code pacer alerts}, which read it.
 */
final class StoreOptions {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Pacer's data directory holding metrics.db (default: $PACER_HOME, else ~/.pacer).")
    Path dataDir;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            description = "A PostgreSQL store instead, e.g. jdbc:postgresql://db:5432/pacer; the password is taken"
                    + " from $PACER_DB_PASSWORD (default: none, the SQLite store).")
    String dbUrl;

    @Option(
            names = "--db-user",
            paramLabel = "USER",
            description = "PostgreSQL user with --db-url (default " + DEFAULT_DB_USER + ").")
    String dbUser;

    /** The PostgreSQL user when --db-user is not given. */
    static final String DEFAULT_DB_USER = "pacer";

    /** --db-user means something only with --db-url: given alone it would be silently ignored. */
    private void checkUser() {
        if (dbUser != null && dbUrl == null) {
            throw new UsageException(
                    "--db-user applies to a PostgreSQL store (--db-url); the SQLite store has no user");
        }
    }

    /** The store to write: SQLite under the data directory (created when absent) or PostgreSQL. */
    StoreConfig forWriting() {
        checkUser();
        if (dbUrl != null) {
            return postgres();
        }
        return StoreConfig.sqlite(DataDirectory.resolve(dataDir));
    }

    /** The store to read, which must exist. */
    StoreConfig forReading() {
        checkUser();
        if (dbUrl != null) {
            return postgres();
        }
        Path dir = DataDirectory.resolve(dataDir);
        if (!Files.isRegularFile(dir.resolve(StoreConfig.SQLITE_FILE))) {
            throw new UsageException("no metric history in " + dir + " (" + StoreConfig.SQLITE_FILE
                    + " not found): run pacer monitor first, or give --data-dir or --db-url");
        }
        return StoreConfig.sqlite(dir);
    }

    /** Opens the store to read beside the process that writes it; a store that cannot be opened is a usage error. */
    MetricStore openForReading() {
        StoreConfig config = forReading();
        try {
            return MetricStore.openForReading(config);
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Opens (creating or migrating) the store to write; one that cannot be opened is a usage error. */
    MetricStore openForWriting() {
        StoreConfig config = forWriting();
        try {
            return MetricStore.open(config);
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Where the store is, for people. */
    String describe() {
        return dbUrl != null
                ? dbUrl
                : DataDirectory.resolve(dataDir)
                        .resolve(StoreConfig.SQLITE_FILE)
                        .toString();
    }

    private StoreConfig postgres() {
        if (!dbUrl.startsWith("jdbc:postgresql:")) {
            throw new UsageException("--db-url must be jdbc:postgresql://HOST:PORT/DATABASE, but was " + dbUrl);
        }
        return StoreConfig.postgres(
                dbUrl, dbUser == null ? DEFAULT_DB_USER : dbUser, System.getenv("PACER_DB_PASSWORD"));
    }
}
