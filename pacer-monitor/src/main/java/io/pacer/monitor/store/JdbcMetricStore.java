package io.pacer.monitor.store;

import com.zaxxer.hikari.HikariDataSource;
import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.AlertHistory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store over JDBC: a bounded buffer, one writer thread that writes batches in transactions and keeps the rollups,
 * and a connection pool that queries share. Every database write happens under {@link #writing}, by the writer thread
 * or by a caller of {@link #flush}, {@link #maintain} or {@link #close}.
 */
final class JdbcMetricStore implements MetricStore {

    private static final Logger LOG = LoggerFactory.getLogger(MetricStore.class);
    /** Retention runs at most this often: deleting is a pass over every series. */
    static final Duration RETENTION_INTERVAL = Duration.ofMinutes(1);

    /**
     * The writer thread closes buckets this long after they end, so samples measured at a bucket's end and written a
     * moment later still land in the open bucket instead of being merged into the stored one.
     */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration DROP_LOG_INTERVAL = Duration.ofSeconds(10);

    private final StoreConfig config;
    private final Clock clock;
    private final HikariDataSource dataSource;
    private final SampleBuffer buffer;
    private final SeriesIds seriesIds = new SeriesIds();
    private final Rollups rollups;
    private final ReentrantLock writing = new ReentrantLock();
    private final Thread writer;
    private volatile boolean closed;
    private long droppedStored;
    private long lastDropLogNanos = System.nanoTime() - DROP_LOG_INTERVAL.toNanos();
    private Instant lastRetention = Instant.MIN;
    private Instant nextMaintenance = Instant.MIN;
    private boolean down;

    private final boolean readOnly;
    private final JdbcAlertHistory alerts;

    private JdbcMetricStore(
            StoreConfig config, Clock clock, HikariDataSource dataSource, Rollups rollups, boolean readOnly) {
        this.config = config;
        this.readOnly = readOnly;
        this.clock = clock;
        this.dataSource = dataSource;
        this.buffer = new SampleBuffer(config.bufferCapacity());
        this.rollups = rollups;
        this.writer = new Thread(this::writeLoop, "pacer-store-writer");
        this.writer.setDaemon(true);
        this.alerts = new JdbcAlertHistory(dataSource, writing, buffer::wake, readOnly);
    }

    /** Opens the store; {@code readOnly}: no migration, no writer thread, queries only. */
    static JdbcMetricStore open(StoreConfig config, Clock clock, boolean readOnly) {
        HikariDataSource dataSource = StorePool.open(config, "pacer-store");
        try {
            if (!readOnly) {
                migrate(config, dataSource);
            }
            Map<Resolution, Long> watermarks;
            try (Connection c = dataSource.getConnection()) {
                watermarks = StoreSql.watermarks(c);
            } catch (SQLException e) {
                throw new SQLException("not a Pacer metric store (" + e.getMessage() + ")", e);
            }
            JdbcMetricStore store = new JdbcMetricStore(config, clock, dataSource, new Rollups(watermarks), readOnly);
            if (!readOnly) {
                store.writer.start();
            }
            return store;
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("could not open the metric store " + config.jdbcUrl() + ": " + e, e);
        }
    }

    static void migrateOnly(StoreConfig config) {
        try (HikariDataSource dataSource = StorePool.open(config, "pacer-store-migrate")) {
            migrate(config, dataSource);
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not migrate the metric store " + config.jdbcUrl() + ": " + e, e);
        }
    }

    private static void migrate(StoreConfig config, HikariDataSource dataSource) {
        // baselineOnMigrate at 0: the service's own tables may be in the database already (pacer serve migrates them
        // first, before this store's writer thread can compete for SQLite's write lock); every migration still runs.
        Flyway.configure()
                .dataSource(dataSource)
                .table(SCHEMA_HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .locations("classpath:db/migration")
                .placeholders(Map.of(
                        "series_id",
                        config.isSqlite()
                                ? "INTEGER PRIMARY KEY"
                                : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"))
                .load()
                .migrate();
    }

    @Override
    public void write(List<Sample> samples) {
        writable();
        if (closed) {
            throw new IllegalStateException("the metric store " + config.jdbcUrl() + " is closed");
        }
        List<Sample> storable = storable(samples);
        int lost = buffer.add(storable, config.batchSize());
        if (lost > 0) {
            logDrop(lost);
        }
    }

    /**
     * The samples the schema can hold: a value that is not finite (SQLite stores NaN as NULL), a name or labels too
     * long for their column, or a histogram that does not decode would fail every retry of their batch and stall the
     * store, so they are refused here, logged and counted with the dropped samples.
     */
    private List<Sample> storable(List<Sample> samples) {
        List<Sample> accepted = null;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            String problem = SampleLimits.problem(s);
            if (problem != null) {
                if (accepted == null) {
                    accepted = new ArrayList<>(samples.subList(0, i));
                }
                buffer.reject();
                LOG.warn("metric store refuses a sample of {}{}: {}", s.name(), s.labels(), problem);
            } else if (accepted != null) {
                accepted.add(s);
            }
        }
        return accepted == null ? samples : accepted;
    }

    private void writable() {
        if (readOnly) {
            throw new IllegalStateException("the metric store " + config.jdbcUrl() + " is open for reading only");
        }
    }

    private void logDrop(int lost) {
        synchronized (buffer) {
            long now = System.nanoTime();
            if (now - lastDropLogNanos >= DROP_LOG_INTERVAL.toNanos()) {
                lastDropLogNanos = now;
                LOG.warn(
                        "metric store buffer full ({} samples): dropped {} now, {} in all since the store opened;"
                                + " the database at {} is slow or down",
                        config.bufferCapacity(),
                        lost,
                        buffer.dropped(),
                        config.jdbcUrl());
            }
        }
    }

    @Override
    public void flush() {
        writable();
        writing.lock();
        try {
            writePendingAndBatches();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "metric store write failed, " + buffer.size() + " samples stay buffered: " + e, e);
        } finally {
            writing.unlock();
        }
    }

    @Override
    public Duration maintain(Instant now) {
        writable();
        writing.lock();
        try {
            rollups.close(now.toEpochMilli());
            writePendingAndBatches();
            if (!now.isBefore(lastRetention.plus(RETENTION_INTERVAL))) {
                try (Connection c = dataSource.getConnection()) {
                    int deleted = StoreSql.deleteExpired(c, now, config.retention());
                    deleted += JdbcAlertHistory.deleteBefore(
                            c, now.minus(config.retention().of(Resolution.DAY)));
                    LOG.debug("retention at {} deleted {} rows", now, deleted);
                }
                lastRetention = now;
            }
            long next = Resolution.MINUTE.bucketOf(now.toEpochMilli()) + Resolution.MINUTE.stepMillis();
            return Duration.ofMillis(next - now.toEpochMilli());
        } catch (SQLException e) {
            throw new IllegalStateException("metric store maintenance failed: " + e, e);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Writes pending rollups, then what is buffered now, batch by batch; a batch leaves the buffer once committed.
     * Samples arriving meanwhile wait for the next call, so a steady stream cannot keep the writer from maintenance.
     */
    private void writePendingAndBatches() throws SQLException {
        if (alerts.hasQueued()) {
            try (Connection c = dataSource.getConnection()) {
                alerts.writeQueued(c);
            }
        }
        if (rollups.hasPending()) {
            writeBatch(List.of());
        }
        int left = buffer.size();
        while (left > 0) {
            List<Sample> batch = buffer.peek(Math.min(left, config.batchSize()));
            writeBatch(batch);
            left -= batch.size();
        }
    }

    private void writeBatch(List<Sample> fromBuffer) throws SQLException {
        List<Sample> batch = fromBuffer;
        long dropped = buffer.dropped();
        if (dropped != droppedStored) {
            batch = new ArrayList<>(fromBuffer);
            batch.add(Sample.of(DROPPED_SAMPLE, Map.of(), clock.instant(), dropped));
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                StoreSql.upsertRollups(c, rollups.pendingFresh());
                StoreSql.mergeRollups(c, rollups.pendingMerge());
                Map<Resolution, Long> watermarks = rollups.changedWatermarks();
                if (watermarks != null) {
                    StoreSql.saveWatermarks(c, watermarks);
                }
                long[] ids = seriesIds.ids(c, batch);
                StoreSql.insertSamples(c, batch, ids);
                Rollups.Plan plan = rollups.plan(batch, ids);
                StoreSql.mergeRollups(c, plan.merge);
                c.commit();
                seriesIds.commit();
                rollups.written();
                rollups.apply(plan, batch, ids);
                buffer.remove(fromBuffer.size());
                droppedStored = dropped;
            } catch (SQLException | RuntimeException e) {
                seriesIds.rollback();
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    private void writeLoop() {
        Duration backoff = Duration.ofMillis(100);
        while (!closed) {
            try {
                long wait = down ? backoff.toNanos() : SampleBuffer.toNanos(config.flushInterval());
                buffer.await(down ? Integer.MAX_VALUE : config.batchSize(), wait);
                if (closed) {
                    return;
                }
                writing.lock();
                try {
                    writePendingAndBatches();
                    Instant now = clock.instant().minus(CLOSE_GRACE);
                    if (!now.isBefore(nextMaintenance)) {
                        nextMaintenance = now.plus(maintain(now));
                    }
                } finally {
                    writing.unlock();
                }
                if (down) {
                    LOG.info("metric store {} is back; buffered samples are written", config.jdbcUrl());
                    down = false;
                }
                backoff = Duration.ofMillis(100);
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                if (!down) {
                    LOG.warn(
                            "metric store {} is unavailable, buffering up to {} samples and retrying: {}",
                            config.jdbcUrl(),
                            config.bufferCapacity(),
                            e.toString());
                    down = true;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    @Override
    public List<Series> query(Query query) {
        Resolution resolution = query.resolution() != null
                ? query.resolution()
                : Resolution.choose(query.from(), query.to(), clock.instant(), config.retention());
        try (Connection c = dataSource.getConnection()) {
            return StoreSql.query(c, query, resolution);
        } catch (SQLException e) {
            throw new IllegalStateException("metric store query failed: " + e, e);
        }
    }

    @Override
    public List<String> names() {
        try (Connection c = dataSource.getConnection()) {
            return StoreSql.names(c);
        } catch (SQLException e) {
            throw new IllegalStateException("metric store query failed: " + e, e);
        }
    }

    @Override
    public AlertHistory alertHistory() {
        return alerts;
    }

    @Override
    public long dropped() {
        return buffer.dropped();
    }

    @Override
    public int buffered() {
        return buffer.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (readOnly) {
            dataSource.close();
            return;
        }
        buffer.wake();
        try {
            writer.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writing.lock();
        try {
            writePendingAndBatches();
            rollups.closeAll();
            writePendingAndBatches();
        } catch (SQLException | RuntimeException e) {
            LOG.warn(
                    "metric store {} closed without writing {} buffered samples and {} open rollup buckets: {}",
                    config.jdbcUrl(),
                    buffer.size(),
                    rollups.openBuckets(),
                    e.toString());
        } finally {
            writing.unlock();
            dataSource.close();
        }
    }

    @Override
    public String toString() {
        return "MetricStore[" + config.jdbcUrl() + "]";
    }
}
