package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.Sample;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.state.ServerDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pacer backup and pacer restore end to end over SQLite data directories; refusals are one line, exit 2. */
class BackupRestoreCliTest {

    @TempDir
    Path dir;

    @Test
    void aBackupRestoresIntoAFreshDataDirectoryAndNotOverAFullOneWithoutForce() throws Exception {
        Path source = dir.resolve("source");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(source))) {
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                samples.add(Sample.of("host.cpu.usage", Map.of("host", "a"), now.minusSeconds(300 - i), i % 50));
            }
            store.write(samples);
            store.flush();
        }
        ServerDatabase.open(StoreConfig.sqlite(source)).close();
        Path file = dir.resolve("pacer.backup");

        Cli backup = Cli.run("backup", "--output", file.toString(), "--data-dir", source.toString());
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out())
                .contains("backed up " + source.resolve("metrics.db"))
                .contains("-> " + file);

        Path target = dir.resolve("target");
        Cli restore = Cli.run("restore", file.toString(), "--data-dir", target.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("restored " + file + " into " + target.resolve("metrics.db"));
        assertThat(samples(target)).isEqualTo(300);

        Cli again = Cli.run("restore", file.toString(), "--data-dir", target.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err().strip())
                .startsWith("pacer: the store is not empty")
                .doesNotContain("\n");
        Cli forced = Cli.run("restore", file.toString(), "--data-dir", target.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(samples(target)).isEqualTo(300);

        // Review finding 12: an entry that does not inflate (its first deflate block set to the reserved type 3).
        byte[] zip = Files.readAllBytes(file);
        byte[] name = "tables/pacer_sample.jsonl".getBytes(StandardCharsets.UTF_8);
        int header = indexOf(zip, name) - 30;
        int data = header + 30 + name.length + ((zip[header + 28] & 0xff) | (zip[header + 29] & 0xff) << 8);
        zip[data] = (byte) 0xff;
        zip[data + 1] = (byte) 0xff;
        Path damaged = dir.resolve("damaged.backup");
        Files.write(damaged, zip);
        Path fresh = dir.resolve("r4");
        Cli refused = Cli.run("restore", damaged.toString(), "--data-dir", fresh.toString());
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err().strip())
                .startsWith("pacer: " + damaged + ": entry tables/pacer_sample.jsonl cannot be read (ZipException")
                .endsWith("the backup is damaged, nothing was restored")
                .doesNotContain("\n");
        assertThat(fresh).doesNotExist();
    }

    @Test
    void badUsageIsOneLineAndExitTwo() {
        Cli noStore = Cli.run("backup", "--output", dir.resolve("x.backup").toString(), "--data-dir", dir.toString());
        assertThat(noStore.exitCode()).isEqualTo(2);
        assertThat(noStore.err()).contains("no metric history in " + dir);

        Cli noOutput = Cli.run("backup", "--data-dir", dir.toString());
        assertThat(noOutput.exitCode()).isEqualTo(2);
        assertThat(noOutput.err()).contains("--output");

        Cli noFile = Cli.run("restore", dir.resolve("missing.backup").toString(), "--data-dir", dir.toString());
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err().strip()).isEqualTo("pacer: " + dir.resolve("missing.backup") + ": no such backup file");
    }

    /** Where {@code needle} first occurs: an entry's name in its local header comes before the central directory. */
    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no entry " + new String(needle, StandardCharsets.UTF_8));
    }

    private static long samples(Path dataDir) throws Exception {
        try (Connection c =
                        DriverManager.getConnection(StoreConfig.sqlite(dataDir).jdbcUrl());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM pacer_sample")) {
            r.next();
            return r.getLong(1);
        }
    }
}
