package io.pacer.verdict.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.verdict.compare.SyntheticRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Save, list, show, load and delete under a data directory; names checked; nothing half-saved. */
class BaselineStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void aSavedRunIsListedShownLoadedAndDeleted() throws Exception {
        RunResult run = SyntheticRuns.typical(12).run(1, 1.0);
        Path file = work.resolve("run.json");
        RunResults.write(run, file);
        BaselineStore store = new BaselineStore(dataDir);
        assertThat(store.list()).isEmpty();

        Baseline saved = store.save("main", file, false, NOW);

        assertThat(saved.kind()).isEqualTo("run");
        assertThat(saved.subject()).isEqualTo("synthetic");
        assertThat(saved.savedAt()).isEqualTo(NOW);
        assertThat(saved.source()).isEqualTo(file.toString());
        assertThat(saved.p99Micros()).isEqualTo(run.latency().p99());
        assertThat(saved.operationsPerSecond()).isEqualTo(run.rates().operationsPerSecond());
        assertThat(saved.errorPercent()).isZero();
        assertThat(store.list()).containsExactly(saved);
        assertThat(store.get("main")).isEqualTo(saved);
        assertThat(store.load("main").run()).isEqualTo(run);
        assertThat(Files.readString(dataDir.resolve("baselines/main/result.json")))
                .isEqualTo(Files.readString(file));

        assertThat(store.delete("main")).isEqualTo(saved);
        assertThat(store.list()).isEmpty();
        assertThat(dataDir.resolve("baselines")).isEmptyDirectory();
    }

    @Test
    void anExistingNameIsReplacedOnlyWhenAsked() throws Exception {
        Path first = work.resolve("a.json");
        Path second = work.resolve("b.json");
        RunResults.write(SyntheticRuns.typical(12).run(1, 1.0), first);
        RunResults.write(SyntheticRuns.typical(12).run(2, 2.0), second);
        BaselineStore store = new BaselineStore(dataDir);
        store.save("main", first, false, NOW);

        assertThatThrownBy(() -> store.save("main", second, false, NOW.plusSeconds(1)))
                .hasMessage("baseline 'main' already exists (saved 2026-11-29T10:00:00Z from " + first
                        + "); save with --force to replace it");
        Baseline replaced = store.save("main", second, true, NOW.plusSeconds(1));

        assertThat(store.list()).containsExactly(replaced);
        assertThat(replaced.source()).isEqualTo(second.toString());
        assertThat(dataDir.resolve("baselines"))
                .isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void aMissingBaselineListsTheSavedOnes() throws Exception {
        Path file = work.resolve("run.json");
        RunResults.write(SyntheticRuns.typical(12).run(1, 1.0), file);
        BaselineStore store = new BaselineStore(dataDir);

        assertThatThrownBy(() -> store.get("main"))
                .hasMessage("no baseline 'main' in " + dataDir.resolve("baselines")
                        + "; none saved yet (save one with: pacer baseline save NAME RESULT.json)");
        store.save("release-1.4", file, false, NOW);
        store.save("nightly", file, false, NOW);
        assertThatThrownBy(() -> store.delete("main"))
                .hasMessage("no baseline 'main' in " + dataDir.resolve("baselines") + "; saved: nightly, release-1.4");
    }

    @Test
    void anUnreadableResultIsNotSaved() throws Exception {
        Path file = Files.writeString(work.resolve("x.json"), "{\"schema\": \"pacer.run-result/7\"}");
        BaselineStore store = new BaselineStore(dataDir);

        assertThatThrownBy(() -> store.save("main", file, false, NOW)).hasMessageContaining("is newer than this Pacer");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aDamagedBaselineIsListedAsUnreadableNotHidden() throws Exception {
        Path damaged = Files.createDirectories(dataDir.resolve("baselines/broken"));
        Files.writeString(damaged.resolve("baseline.json"), "{");
        BaselineStore store = new BaselineStore(dataDir);

        assertThat(store.list()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("broken");
            assertThat(b.kind()).isEqualTo("unreadable");
            assertThat(b.subject()).startsWith("cannot read " + damaged.resolve("baseline.json"));
        });
        assertThatThrownBy(() -> store.load("broken")).hasMessageEndingWith("result.json: no such file");
        store.delete("broken");
        assertThat(store.list()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "../etc",
                "a/b",
                ".hidden",
                "-dash",
                "with space",
                "x12345678901234567890123456789012345678901234567890123456789012345"
            })
    void badNamesAreRefused(String name) {
        assertThatThrownBy(() -> new BaselineStore(dataDir).find(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("baseline name must be 1 to 64 letters, digits, '.', '_' or '-', starting with"
                        + " a letter or digit, but was '");
    }
}
