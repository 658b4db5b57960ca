package io.pacer.bench.store;

import io.pacer.monitor.Sample;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.Series;
import io.pacer.monitor.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code bench/store.sh}: ingest N samples of 100 series (the last 24 hours) into SQLite through the store — buffer,
 * writer thread, interning, batched transactions, rollup aggregation in memory — against a bare batched JDBC insert of
 * the same rows into the same schema in the same kind of file (WAL, synchronous=NORMAL, the same batch size), in
 * alternating rounds; then closes the rollup buckets and queries 24 h at one-minute resolution for the 100 series.
 *
 * <p>The store runs on a clock fixed at the data's start, so no bucket closes during the ingest; closing them is
 * timed on its own ({@code rollup_close_ms}). Each round checks the file holds all N rows and nothing was dropped.
 *
 * <p>Arguments: {@code SAMPLES ROUNDS WORK_DIR}. Prints one {@code ROUND} line per round and a {@code SUMMARY} line.
 */
public final class StoreIngestBenchmark {

    private static final int SERIES = 100;
    private static final int CHUNK = 1_000;

    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private StoreIngestBenchmark() {}

    /** CPU time of the whole JVM (every thread, GC included), ns: on a loaded machine, steadier than wall time. */
    private static long cpu() {
        return OS.getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        int samples = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<Sample> data = samples(samples, end);
        Clock clock = Clock.fixed(end.minus(Duration.ofHours(24)), ZoneOffset.UTC); // nothing closes while ingesting

        List<Double> store = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Double> close = new ArrayList<>();
        List<Double> query = new ArrayList<>();
        List<Double> storeCpu = new ArrayList<>();
        List<Double> bareCpu = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) { // round 0 warms up both and is not counted
            boolean storeFirst = round % 2 == 0;
            double s = 0;
            double b = 0;
            double[] storeResult = null;
            double[] bareResult = null;
            for (int leg = 0; leg < 2; leg++) {
                boolean storeLeg = (leg == 0) == storeFirst;
                Path dir = Files.createTempDirectory(work, storeLeg ? "store-" : "bare-");
                if (storeLeg) {
                    storeResult = throughStore(data, dir, clock, end);
                    s = storeResult[0];
                } else {
                    bareResult = bareJdbc(data, dir, clock);
                    b = bareResult[0];
                }
                deleteTree(dir);
            }
            System.out.printf(
                    "ROUND %d %s store=%.0f/s bare=%.0f/s ratio=%.3f per_cpu_s: store=%.0f bare=%.0f"
                            + " rollup_close_ms=%.0f query_ms=%.1f query_cpu_ms=%.1f%n",
                    round,
                    round == 0 ? "(warm-up)" : (storeFirst ? "store-first" : "bare-first"),
                    s,
                    b,
                    s / b,
                    storeResult[3],
                    bareResult[1],
                    storeResult[1],
                    storeResult[2],
                    storeResult[4]);
            if (round > 0) {
                store.add(s);
                bare.add(b);
                close.add(storeResult[1]);
                query.add(storeResult[2]);
                storeCpu.add(storeResult[3]);
                bareCpu.add(bareResult[1]);
            }
        }
        System.out.printf(
                "SUMMARY samples=%d series=%d rounds=%d store_per_s=%.0f bare_per_s=%.0f ratio=%.3f"
                        + " store_per_cpu_s=%.0f bare_per_cpu_s=%.0f cpu_ratio=%.3f rollup_close_ms=%.0f query_ms=%.1f%n",
                samples,
                SERIES,
                rounds,
                median(store),
                median(bare),
                median(store) / median(bare),
                median(storeCpu),
                median(bareCpu),
                median(storeCpu) / median(bareCpu),
                median(close),
                median(query));
    }

    /** Ingest through the store: samples/s; rollup close ms; the median of 5 queries, ms; samples per CPU second. */
    private static double[] throughStore(List<Sample> data, Path dir, Clock clock, Instant end) throws Exception {
        StoreConfig config = StoreConfig.sqlite(dir).withBufferCapacity(data.size());
        try (MetricStore store = MetricStore.open(config, clock)) {
            long start = System.nanoTime();
            long cpuStart = cpu();
            for (int i = 0; i < data.size(); i += CHUNK) {
                store.write(data.subList(i, Math.min(data.size(), i + CHUNK)));
            }
            store.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (cpu() - cpuStart) / 1e9;
            if (store.dropped() != 0) {
                throw new IllegalStateException("the store dropped " + store.dropped() + " samples");
            }
            checkRows(dir, data.size());

            long closeStart = System.nanoTime();
            store.maintain(end.plus(Duration.ofMinutes(1)));
            double closeMs = (System.nanoTime() - closeStart) / 1e6;

            List<Double> queries = new ArrayList<>();
            long queryCpu = cpu();
            for (int q = 0; q < 5; q++) {
                long queryStart = System.nanoTime();
                List<Series> result = store.query(Query.of("bench.value", end.minus(Duration.ofHours(24)), end)
                        .at(Resolution.MINUTE));
                queries.add((System.nanoTime() - queryStart) / 1e6);
                int points = result.stream().mapToInt(x -> x.points().size()).sum();
                if (result.size() != SERIES || points != SERIES * 1_440) {
                    throw new IllegalStateException(
                            "the query found " + result.size() + " series and " + points + " points");
                }
            }
            double queryCpuMs = (cpu() - queryCpu) / 5e6;
            return new double[] {data.size() / seconds, closeMs, median(queries), data.size() / cpuSeconds, queryCpuMs};
        }
    }

    /** The same rows, the same schema (migrated by the store), plain batched JDBC: samples/s, per CPU second. */
    private static double[] bareJdbc(List<Sample> data, Path dir, Clock clock) throws Exception {
        MetricStore.open(StoreConfig.sqlite(dir), clock).close(); // the schema, nothing else
        String url = "jdbc:sqlite:" + dir.resolve(StoreConfig.SQLITE_FILE);
        Properties props = new Properties();
        props.setProperty("journal_mode", "WAL");
        props.setProperty("synchronous", "NORMAL");
        int batch = StoreConfig.DEFAULT_BATCH_SIZE;
        try (Connection c = DriverManager.getConnection(url, props)) {
            long[] ids = new long[SERIES];
            try (Statement s = c.createStatement()) {
                for (int i = 0; i < SERIES; i++) {
                    s.executeUpdate("INSERT INTO pacer_series (name, labels) VALUES ('bench.value', '{\"series\":\"" + i
                            + "\"}')");
                    try (ResultSet r = s.executeQuery("SELECT last_insert_rowid()")) {
                        r.next();
                        ids[i] = r.getLong(1);
                    }
                }
            }
            long start = System.nanoTime();
            long cpuStart = cpu();
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO pacer_sample (series_id, ts, value, histogram) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < data.size(); i++) {
                    Sample sample = data.get(i);
                    p.setLong(1, ids[Integer.parseInt(sample.labels().get("series"))]);
                    p.setLong(2, sample.timestamp().toEpochMilli());
                    p.setDouble(3, sample.value());
                    p.setNull(4, java.sql.Types.VARCHAR);
                    p.addBatch();
                    if ((i + 1) % batch == 0 || i == data.size() - 1) {
                        p.executeBatch();
                        c.commit();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (cpu() - cpuStart) / 1e9;
            c.setAutoCommit(true);
            checkRows(dir, data.size());
            return new double[] {data.size() / seconds, data.size() / cpuSeconds};
        }
    }

    private static void checkRows(Path dir, int expected) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StoreConfig.SQLITE_FILE));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pacer_sample WHERE series_id IN"
                        + " (SELECT id FROM pacer_series WHERE name = 'bench.value')")) {
            r.next();
            if (r.getLong(1) != expected) {
                throw new IllegalStateException("expected " + expected + " rows, found " + r.getLong(1));
            }
        }
    }

    /** 100 series, each sampled evenly over the 24 hours before {@code end}, interleaved in time order. */
    private static List<Sample> samples(int count, Instant end) {
        int perSeries = count / SERIES;
        long stepMillis = Duration.ofHours(24).toMillis() / perSeries;
        Instant start = end.minus(Duration.ofHours(24));
        List<Map<String, String>> labels = new ArrayList<>();
        for (int s = 0; s < SERIES; s++) {
            labels.add(Map.of("series", Integer.toString(s)));
        }
        List<Sample> samples = new ArrayList<>(perSeries * SERIES);
        for (int i = 0; i < perSeries; i++) {
            Instant at = start.plusMillis(i * stepMillis);
            for (int s = 0; s < SERIES; s++) {
                samples.add(Sample.of("bench.value", labels.get(s), at, (i * 31 + s) % 1_000));
            }
        }
        return samples;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
