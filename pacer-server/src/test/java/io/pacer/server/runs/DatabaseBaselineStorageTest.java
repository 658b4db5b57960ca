package io.pacer.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.TestResults;
import io.pacer.server.state.ServerDatabase;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import io.pacer.verdict.ResultFile;
import io.pacer.verdict.baseline.Baseline;
import io.pacer.verdict.baseline.BaselineStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BaselineStore's rules over the state database, on SQLite and PostgreSQL (their upserts differ in nothing). */
@ExtendWith(PostgresExtension.class)
class DatabaseBaselineStorageTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void savesRefusesReplacesListsLoadsAndDeletes(boolean sqlite, PostgresServer postgres) {
        StoreConfig config = sqlite
                ? StoreConfig.sqlite(dir)
                : StoreConfig.postgres(postgres.newDatabase(), postgres.user(), postgres.password());
        MetricStore.migrate(config);
        try (ServerDatabase database = ServerDatabase.open(config)) {
            BaselineStore store =
                    new BaselineStore(new DatabaseBaselineStorage(database, Clock.fixed(NOW, ZoneOffset.UTC)));
            byte[] bytes = TestResults.runJson().getBytes(StandardCharsets.UTF_8);
            ResultFile result = ResultFile.read(Path.of("upload"), bytes);
            assertThatThrownBy(() -> store.get("main"))
                    .hasMessage("no baseline 'main' in the service's database; none saved yet (save one with: POST"
                            + " /api/baselines {\"name\": NAME, \"run\": RUN_ID})");

            Baseline saved = store.save("main", result, bytes, "run 1 (nightly)", false, NOW);
            assertThatThrownBy(() -> store.save("main", result, bytes, "run 2", false, NOW.plusSeconds(1)))
                    .hasMessageContaining("baseline 'main' already exists (saved " + NOW + " from run 1 (nightly))");
            Baseline replaced = store.save("main", result, bytes, "run 2", true, NOW.plusSeconds(1));
            store.save("release-1", result, bytes, "run 3", false, NOW);

            assertThat(saved.kind()).isEqualTo("run");
            assertThat(store.list()).extracting(Baseline::name).containsExactly("main", "release-1");
            assertThat(store.get("main")).isEqualTo(replaced);
            assertThat(store.load("main").run()).isEqualTo(TestResults.run());
            assertThat(store.delete("main")).isEqualTo(replaced);
            assertThatThrownBy(() -> store.load("main")).hasMessageEndingWith("saved: release-1");
        }
    }
}
