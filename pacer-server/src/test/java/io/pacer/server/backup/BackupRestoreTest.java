package io.pacer.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.PostgresExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Back up a filled store, restore it into a fresh one of either kind, and find every table equal row by row — users,
 * keys and sessions too, whose foreign keys make the order of filling matter on PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(180)
class BackupRestoreTest {

    /** What the fill puts in each table at least: no table may pass the comparison by being empty on both sides. */
    private static final List<String> FILLED = List.of(
            "pacer_action",
            "pacer_alert_transition",
            "pacer_api_key",
            "pacer_audit",
            "pacer_baseline",
            "pacer_rollup",
            "pacer_rollup_state",
            "pacer_run",
            "pacer_sample",
            "pacer_series",
            "pacer_session",
            "pacer_setting",
            "pacer_user");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"SQLITE, SQLITE", "SQLITE, POSTGRES", "POSTGRES, POSTGRES", "POSTGRES, SQLITE"})
    void aFilledStoreRestoresIntoAFreshOneRowForRow(StoreKind from, StoreKind to) throws Exception {
        StoreConfig source = from.fresh(dir, "source");
        StateFill.fill(source, dir.resolve("source"));
        Path file = dir.resolve("pacer.backup");

        BackupManifest manifest = Backup.write(source, file, Clock.systemUTC());
        StoreConfig target = to.fresh(dir, "target");
        Restore.restore(file, target, false);

        Map<String, List<List<Object>>> before = Tables.read(source);
        Map<String, List<List<Object>>> after = Tables.read(target);
        assertThat(before.keySet()).containsAll(FILLED);
        FILLED.forEach(t -> assertThat(before.get(t)).as(t).isNotEmpty());
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String table : before.keySet()) {
            assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
        assertThat(manifest.tables()).extracting(BackupManifest.Table::name).containsAll(FILLED);
        assertThat(manifest.rows())
                .isEqualTo(before.values().stream().mapToLong(List::size).sum());
        assertThat(manifest.schemas()).containsKeys("flyway_schema_history", "pacer_server_schema_history");
    }

    /** A table another feature adds later is carried without a list to update: booleans, bytes, nulls, text. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"SQLITE, POSTGRES", "POSTGRES, SQLITE"})
    void aTableAddedLaterIsCarriedWithItsBooleansAndBytes(StoreKind from, StoreKind to) throws Exception {
        StoreConfig source = from.fresh(dir, "source");
        StoreConfig target = to.fresh(dir, "target");
        for (StoreConfig store : List.of(source, target)) {
            io.pacer.monitor.store.MetricStore.migrate(store);
            io.pacer.server.state.ServerDatabase.open(store).close();
            boolean sqlite = store.jdbcUrl().startsWith("jdbc:sqlite:");
            try (Connection c = Tables.connect(store);
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE pacer_later (id BIGINT NOT NULL PRIMARY KEY, enabled BOOLEAN NOT NULL,"
                        + " secret " + (sqlite ? "BLOB" : "BYTEA") + ", note TEXT)");
            }
        }
        byte[] secret = {0, 1, (byte) 0xff, 42};
        try (Connection c = Tables.connect(source);
                java.sql.PreparedStatement s = c.prepareStatement("INSERT INTO pacer_later VALUES (?, ?, ?, ?)")) {
            s.setLong(1, 1);
            s.setBoolean(2, true);
            s.setBytes(3, secret);
            s.setString(4, "ünïcode");
            s.executeUpdate();
            s.setLong(1, 2);
            s.setBoolean(2, false);
            s.setNull(3, java.sql.Types.BINARY);
            s.setNull(4, java.sql.Types.VARCHAR);
            s.executeUpdate();
        }
        Path file = dir.resolve("pacer.backup");

        BackupManifest manifest = Backup.write(source, file, Clock.systemUTC());
        Restore.restore(file, target, false);

        assertThat(manifest.tables())
                .filteredOn(t -> t.name().equals("pacer_later"))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.rows()).isEqualTo(2);
                    assertThat(t.columns())
                            .extracting(BackupManifest.Column::kind)
                            .containsExactly("integer", "boolean", "binary", "text");
                });
        try (Connection c = Tables.connect(target);
                Statement s = c.createStatement();
                java.sql.ResultSet r =
                        s.executeQuery("SELECT id, enabled, secret, note FROM pacer_later ORDER BY id")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getBoolean(2)).isTrue();
            assertThat(r.getBytes(3)).isEqualTo(secret);
            assertThat(r.getString(4)).isEqualTo("ünïcode");
            assertThat(r.next()).isTrue();
            assertThat(r.getBoolean(2)).isFalse();
            assertThat(r.getBytes(3)).isNull();
            assertThat(r.getString(4)).isNull();
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void aStoreThatIsNotEmptyIsReplacedOnlyWithForce() throws Exception {
        StoreConfig source = StoreKind.SQLITE.fresh(dir, "source");
        StateFill.fill(source, dir.resolve("source"));
        Path file = dir.resolve("pacer.backup");
        Backup.write(source, file, Clock.systemUTC());
        StoreConfig target = StoreKind.SQLITE.fresh(dir, "target");
        Restore.restore(file, target, false);

        assertThatThrownBy(() -> Restore.restore(file, target, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the store is not empty (table pacer_action has 1 rows)")
                .hasMessageContaining("give --force");
        Restore.restore(file, target, true);
        assertThat(Tables.read(target)).isEqualTo(Tables.read(source));
    }

    @Test
    void anAlteredBackupIsRefusedAndRestoresNothing() throws Exception {
        StoreConfig source = StoreKind.SQLITE.fresh(dir, "source");
        StateFill.fill(source, dir.resolve("source"));
        Path file = dir.resolve("pacer.backup");
        Backup.write(source, file, Clock.systemUTC());
        Path altered = dir.resolve("altered.backup");
        rewrite(file, altered, "tables/pacer_setting.jsonl", text -> text.replace("14", "15"));
        StoreConfig target = StoreKind.SQLITE.fresh(dir, "target");

        assertThatThrownBy(() -> Restore.restore(altered, target, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table pacer_setting holds 2 rows with SHA-256")
                .hasMessageContaining("the backup is damaged or was altered, and nothing was restored");
        assertThat(dir.resolve("target"))
                .as("checked before the store is created")
                .doesNotExist();

        Path truncated = dir.resolve("truncated.backup");
        rewrite(file, truncated, Backup.MANIFEST, null);
        assertThatThrownBy(() -> Restore.restore(truncated, target, false))
                .hasMessageContaining("not a Pacer backup, or one cut short (no manifest.json)");
        Files.writeString(dir.resolve("text.backup"), "hello");
        assertThatThrownBy(() -> Restore.restore(dir.resolve("text.backup"), target, false))
                .hasMessageContaining("not a Pacer backup (not a zip file");
    }

    @Test
    void aTableThatIsNotPacersFailsTheBackupByName() throws Exception {
        StoreConfig source = StoreKind.SQLITE.fresh(dir, "source");
        StateFill.fill(source, dir.resolve("source"));
        try (Connection c = Tables.connect(source);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)");
        }

        assertThatThrownBy(() -> Backup.write(source, dir.resolve("pacer.backup"), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the database holds table 'orders', which is not Pacer's");
        assertThat(dir.resolve("pacer.backup")).doesNotExist();
    }

    /** Copies a backup, changing one entry's text ({@code change}) or leaving it out ({@code null}). */
    static void rewrite(Path from, Path to, String entry, java.util.function.UnaryOperator<String> change)
            throws Exception {
        try (ZipFile in = new ZipFile(from.toFile());
                OutputStream file = Files.newOutputStream(to);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry next = e.nextElement();
                byte[] bytes;
                try (InputStream body = in.getInputStream(next)) {
                    bytes = body.readAllBytes();
                }
                if (next.getName().equals(entry)) {
                    if (change == null) {
                        continue;
                    }
                    bytes = change.apply(new String(bytes, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(next.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
