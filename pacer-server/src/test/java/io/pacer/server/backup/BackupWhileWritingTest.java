package io.pacer.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.Sample;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.state.ServerDatabase;
import io.pacer.testing.Await;
import io.pacer.testing.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A backup taken while writers go on is one moment: a writer commits, in each transaction, an alert transition (the
 * first table the backup reads) and a setting counting them (the last), with a large sample table read in between.
 * Read table by table without one snapshot, the restored count and setting would disagree; with it they agree.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(180)
class BackupWhileWritingTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aBackupTakenWhileWritersGoOnIsOneConsistentMoment(StoreKind kind) throws Exception {
        StoreConfig store = kind.fresh(dir, "source");
        AtomicLong committed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        try (MetricStore metrics = MetricStore.open(store)) {
            ServerDatabase.open(store).close();
            Instant start = Instant.now().minus(Duration.ofHours(3));
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                samples.add(Sample.of("load.value", Map.of("n", "" + i % 10), start.plusMillis(i * 100L), i));
            }
            metrics.write(samples);
            metrics.flush();
            Thread writer = new Thread(() -> write(store, committed, stop, failed), "test-writer");
            writer.start();
            try {
                Await.until(
                        Duration.ofSeconds(30),
                        "the writer commits",
                        () -> failed.get() != null || committed.get() >= 20);
                assertThat(failed.get()).isNull();
                long before = committed.get();
                BackupManifest manifest = Backup.write(store, dir.resolve("pacer.backup"), Clock.systemUTC());
                long after = committed.get();
                Await.until(
                        Duration.ofSeconds(30), "the writer commits after the backup", () -> committed.get() > after);
                System.out.printf(
                        "%s: %d transactions committed while the backup ran (%d rows)%n",
                        kind, after - before, manifest.rows());
            } finally {
                stop.set(true);
                writer.join();
            }
        }
        assertThat(failed.get()).isNull();

        StoreConfig target = kind.fresh(dir, "target");
        Restore.restore(dir.resolve("pacer.backup"), target, false);
        try (Connection c = Tables.connect(target);
                Statement s = c.createStatement()) {
            long transitions = single(s, "SELECT COUNT(*) FROM pacer_alert_transition WHERE rule = 'writer'");
            long counted = single(s, "SELECT CAST(value AS BIGINT) FROM pacer_setting WHERE name = 'writer.count'");
            assertThat(transitions)
                    .isEqualTo(counted)
                    .isGreaterThanOrEqualTo(20)
                    .isLessThan(committed.get());
            assertThat(single(s, "SELECT COUNT(*) FROM pacer_sample")).isGreaterThanOrEqualTo(100_000);
        }
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void write(
            StoreConfig store, AtomicLong committed, AtomicBoolean stop, AtomicReference<Throwable> failed) {
        try (Connection c = Tables.connect(store)) {
            c.setAutoCommit(false);
            try (PreparedStatement transition = c.prepareStatement("INSERT INTO pacer_alert_transition (rule,"
                            + " series_name, series_labels, from_state, to_state, severity, value, threshold, at_ts,"
                            + " since_ts, action, message) VALUES ('writer', 'w', '{}', 'PENDING', 'FIRING',"
                            + " 'WARNING', 1, 1, ?, ?, NULL, 'm')");
                    PreparedStatement count = c.prepareStatement(
                            "INSERT INTO pacer_setting (name, value, updated_ts)"
                                    + " VALUES ('writer.count', ?, 0) ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
                for (long n = 1; !stop.get(); n++) {
                    // now, not an old instant: the store's retention would delete it while the test runs
                    transition.setLong(1, System.currentTimeMillis());
                    transition.setLong(2, System.currentTimeMillis());
                    transition.executeUpdate();
                    count.setString(1, Long.toString(n));
                    count.executeUpdate();
                    c.commit();
                    committed.set(n);
                }
            }
        } catch (Throwable e) {
            failed.set(e);
        }
    }
}
