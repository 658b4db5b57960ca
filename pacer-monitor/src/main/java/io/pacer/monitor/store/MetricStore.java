package io.pacer.monitor.store;

import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.AlertHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Pacer's history of samples: raw samples plus rollups at 1m, 5m, 15m, 1h and 1d, each kept as long as its
 * {@link Retention} says, in SQLite (default) or PostgreSQL through one schema.
 *
 * <p>Why writes never block: collectors must not stall when the database is slow or down. {@link #write} puts samples
 * in a bounded buffer that a writer thread empties in batches; while the database is down the buffer holds what
 * arrives and the writer retries; past the buffer's capacity samples are dropped, counted ({@link #dropped}), logged,
 * and the count itself is stored as the sample {@value #DROPPED_SAMPLE}.
 *
 * <p>Rollups are computed incrementally: samples add to open buckets in memory; {@link #maintain} closes the buckets
 * that ended by {@code now} and writes them, each coarser resolution built from the closed buckets of the finer one.
 * A sample arriving for a bucket already written is merged into the stored bucket. Points of a rollup appear in
 * queries once their bucket has closed; raw samples as soon as they are written.
 *
 * <pre>{@code
 * try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dataDir))) {
 *     store.write(collector.collect(now));
 *     List<Series> cpu = store.query(Query.of("host.cpu.usage", now.minus(Duration.ofHours(24)), now));
 * }
 * }</pre>
 */
public interface MetricStore extends AutoCloseable {

    /** Flyway's history table of the store's schema (Flyway's default name). */
    String SCHEMA_HISTORY_TABLE = "flyway_schema_history";

    /** The store's own series counting the samples it dropped (a running total). */
    String DROPPED_SAMPLE = "pacer.store.dropped.samples";

    /** Opens (creating or migrating its schema) the store {@code config} describes, with the system clock. */
    static MetricStore open(StoreConfig config) {
        return open(config, Clock.systemUTC());
    }

    /**
     * Opens the store, with {@code clock} deciding when buckets close and what retention deletes.
     *
     * @throws IllegalStateException when the database cannot be reached or migrated
     */
    static MetricStore open(StoreConfig config, Clock clock) {
        return JdbcMetricStore.open(config, clock, false);
    }

    /**
     * Creates or migrates the store's schema in the database {@code config} names, and nothing else: no writer thread,
     * no rollup bookkeeping — for restoring a backup into a fresh store, which must stay empty until it is filled.
     *
     * @throws IllegalStateException when the database cannot be reached or migrated
     */
    static void migrate(StoreConfig config) {
        JdbcMetricStore.migrateOnly(config);
    }

    /**
     * Opens an existing store to query it only, beside the process that writes it ({@code pacer metrics export}
     * while {@code pacer monitor} runs): no schema migration, no writer thread, no retention — that stays with the
     * writer and its configuration. {@link #write}, {@link #flush} and {@link #maintain} throw.
     *
     * @throws IllegalStateException when the database cannot be reached or holds no Pacer metric store
     */
    static MetricStore openForReading(StoreConfig config) {
        return JdbcMetricStore.open(config, Clock.systemUTC(), true);
    }

    /**
     * Buffers {@code samples} to be written; never blocks. Past the buffer's capacity, drops and counts.
     *
     * @throws IllegalStateException after {@link #close}
     */
    void write(List<Sample> samples);

    /**
     * Writes every buffered sample now.
     *
     * @throws IllegalStateException when the database fails; the samples stay buffered
     */
    void flush();

    /**
     * Closes the rollup buckets that ended by {@code now}, writes them, and deletes what retention no longer keeps. The
     * writer thread calls it on its own with the clock's time; tests call it with theirs.
     *
     * @return how long until it is next due
     * @throws IllegalStateException when the database fails; closed buckets stay pending and are written next time
     */
    Duration maintain(Instant now);

    /** The points of every series the query matches, sorted by labels. */
    List<Series> query(Query query);

    /**
     * The alert history kept in this store (table {@code pacer_alert_transition}): what an {@code AlertEngine} records
     * its transitions in, {@code pacer alerts list|history} reads, and an engine built after a restart takes the open
     * alerts from. {@link AlertHistory#record} only queues, the writer thread writes (a bounded queue while the
     * database is down, a counted, logged drop beyond it); reads see every transition recorded before them. For a
     * store opened for reading, {@code record} throws. Transitions are kept as long as the 1-day rollups.
     */
    AlertHistory alertHistory();

    /** Every series name stored, sorted. */
    List<String> names();

    /**
     * Samples dropped since the store was opened: because the buffer was full, or because the schema cannot hold them
     * (a value that is not finite, a name over 255 or labels over 4,000 characters, a histogram that does not decode).
     */
    long dropped();

    /** Samples buffered, not yet written. */
    int buffered();

    /** Writes what is buffered and every open bucket (partial buckets are completed by later samples), then closes. */
    @Override
    void close();
}
