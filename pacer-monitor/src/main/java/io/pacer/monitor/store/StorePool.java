package io.pacer.monitor.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The one way Pacer opens a connection pool on the store's database, so that the history store and the service's own
 * state (users, keys, audit, runs, targets — in the same database, under their own Flyway history) connect with the
 * same settings: SQLite in WAL mode with a busy timeout, PostgreSQL with batched inserts rewritten.
 */
public final class StorePool {

    private StorePool() {}

    /**
     * Opens a pool named {@code poolName} on the database {@code config} names, creating the SQLite file's directory.
     *
     * @throws IllegalStateException when the database cannot be reached
     */
    public static HikariDataSource open(StoreConfig config, String poolName) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setPoolName(poolName);
        hikari.setConnectionTimeout(Duration.ofSeconds(2).toMillis());
        if (config.isSqlite()) {
            Path file = Path.of(config.jdbcUrl().substring("jdbc:sqlite:".length()));
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not create the data directory for " + file, e);
            }
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("synchronous", "NORMAL");
            hikari.addDataSourceProperty("busy_timeout", "10000");
            hikari.setMaximumPoolSize(4);
        } else {
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
            hikari.setMaximumPoolSize(4);
        }
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not connect to the metric store " + config.jdbcUrl() + ": " + e, e);
        }
    }
}
