package io.pacer.monitor.store;

import io.pacer.internal.Check;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how the history store keeps samples. SQLite under the data directory by default ({@link #sqlite}); a
 * PostgreSQL database for a team ({@link #postgres}).
 *
 * @param jdbcUrl {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST:PORT/DB}
 * @param user database user; null for SQLite
 * @param password database password; null for SQLite or none
 * @param bufferCapacity samples held in memory while the database is slow or down; beyond it samples are dropped,
 *     counted ({@link MetricStore#dropped}) and logged
 * @param batchSize samples written in one transaction at most
 * @param flushInterval how often buffered samples are written when fewer than a batch arrive
 * @param retention how long each resolution is kept
 */
public record StoreConfig(
        String jdbcUrl,
        String user,
        String password,
        int bufferCapacity,
        int batchSize,
        Duration flushInterval,
        Retention retention) {

    /** One million samples: about 15 minutes of 1,000 series collected every second, about 100 MB of heap. */
    public static final int DEFAULT_BUFFER_CAPACITY = 1_000_000;

    public static final int DEFAULT_BATCH_SIZE = 5_000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** The file under the data directory that holds the SQLite store. */
    public static final String SQLITE_FILE = "metrics.db";

    public StoreConfig {
        Check.that(
                jdbcUrl != null && (jdbcUrl.startsWith("jdbc:sqlite:") || jdbcUrl.startsWith("jdbc:postgresql:")),
                "store JDBC URL",
                "jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE",
                jdbcUrl);
        Check.atLeast("store buffer capacity", bufferCapacity, 1);
        Check.atLeast("store batch size", batchSize, 1);
        Check.positive("store flush interval", flushInterval);
        Check.that(retention != null, "store retention", "set", retention);
    }

    /** SQLite in {@code dataDir}/{@value #SQLITE_FILE}, with the defaults. */
    public static StoreConfig sqlite(Path dataDir) {
        return new StoreConfig(
                "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath(),
                null,
                null,
                DEFAULT_BUFFER_CAPACITY,
                DEFAULT_BATCH_SIZE,
                DEFAULT_FLUSH_INTERVAL,
                Retention.DEFAULT);
    }

    /** A PostgreSQL database, with the defaults. */
    public static StoreConfig postgres(String jdbcUrl, String user, String password) {
        return new StoreConfig(
                jdbcUrl,
                user,
                password,
                DEFAULT_BUFFER_CAPACITY,
                DEFAULT_BATCH_SIZE,
                DEFAULT_FLUSH_INTERVAL,
                Retention.DEFAULT);
    }

    boolean isSqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    public StoreConfig withBufferCapacity(int capacity) {
        return new StoreConfig(jdbcUrl, user, password, capacity, batchSize, flushInterval, retention);
    }

    public StoreConfig withBatchSize(int size) {
        return new StoreConfig(jdbcUrl, user, password, bufferCapacity, size, flushInterval, retention);
    }

    public StoreConfig withFlushInterval(Duration interval) {
        return new StoreConfig(jdbcUrl, user, password, bufferCapacity, batchSize, interval, retention);
    }

    public StoreConfig withRetention(Retention value) {
        return new StoreConfig(jdbcUrl, user, password, bufferCapacity, batchSize, flushInterval, value);
    }

    @Override
    public String toString() {
        return "StoreConfig[" + jdbcUrl + ", user=" + user + ", bufferCapacity=" + bufferCapacity + ", batchSize="
                + batchSize + ", flushInterval=" + flushInterval + ", " + retention + "]";
    }
}
