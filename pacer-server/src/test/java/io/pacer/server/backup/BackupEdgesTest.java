package io.pacer.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.monitor.Sample;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup of pacer monitor's store (the history only, no service state) restores into a store that also has the
 * service's schema; and a backup never replaces something that is not a regular file.
 */
class BackupEdgesTest {

    @TempDir
    Path dir;

    @Test
    void aBackupOfAMonitorStoreRestoresIntoAServiceStore() throws Exception {
        StoreConfig monitor = StoreConfig.sqlite(dir.resolve("monitor"));
        Instant now = Instant.now();
        try (MetricStore store = MetricStore.open(monitor)) {
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                samples.add(Sample.of("host.cpu.usage.ratio", Map.of(), now.minusSeconds(i), i / 100.0));
            }
            store.write(samples);
            store.flush();
        }
        Path file = dir.resolve("monitor.backup");
        BackupManifest taken = Backup.write(monitor, file, Clock.systemUTC());
        assertThat(taken.schemas()).containsOnlyKeys(MetricStore.SCHEMA_HISTORY_TABLE);

        StoreConfig fresh = StoreConfig.sqlite(dir.resolve("fresh"));
        Restore.restore(file, fresh, false);

        try (MetricStore store = MetricStore.open(fresh)) {
            long points = store
                    .query(Query.of("host.cpu.usage.ratio", now.minusSeconds(60), now.plusSeconds(1))
                            .at(Resolution.RAW))
                    .stream()
                    .mapToLong(s -> s.points().size())
                    .sum();
            assertThat(points).isEqualTo(50);
        }
    }

    @Test
    void aBackupNeverReplacesADirectoryOrALink() throws Exception {
        StoreConfig monitor = StoreConfig.sqlite(dir.resolve("monitor"));
        MetricStore.open(monitor).close();
        Path directory = Files.createDirectory(dir.resolve("a-directory"));
        Path real = Files.writeString(dir.resolve("real.txt"), "keep me");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);

        for (Path target : List.of(directory, link)) {
            assertThatThrownBy(() -> Backup.write(monitor, target, Clock.systemUTC()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a regular file");
        }
        assertThat(Files.isDirectory(directory)).isTrue();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("keep me");
    }
}
