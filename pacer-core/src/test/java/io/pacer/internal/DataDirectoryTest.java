package io.pacer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order of precedence: --data-dir, then PACER_HOME, then ~/.pacer. */
class DataDirectoryTest {
    private static final Path HOME = Path.of("/home/someone");

    @Test
    void anExplicitDirectoryWinsOverTheEnvironment() {
        assertThat(DataDirectory.resolve(Path.of("/data/x/../pacer"), Map.of("PACER_HOME", "/env"), HOME))
                .isEqualTo(Path.of("/data/pacer"));
    }

    @Test
    void pacerHomeWinsOverTheHomeDirectory() {
        assertThat(DataDirectory.resolve(null, Map.of("PACER_HOME", " /env/pacer "), HOME))
                .isEqualTo(Path.of("/env/pacer"));
    }

    @Test
    void aBlankPacerHomeIsNotSet() {
        assertThat(DataDirectory.resolve(null, Map.of("PACER_HOME", " "), HOME))
                .isEqualTo(Path.of("/home/someone/.pacer"));
        assertThat(DataDirectory.resolve(null, Map.of(), HOME)).isEqualTo(Path.of("/home/someone/.pacer"));
    }

    @Test
    void aRelativeDirectoryIsMadeAbsolute() {
        assertThat(DataDirectory.resolve(Path.of("rel"), Map.of(), HOME))
                .isEqualTo(Path.of("rel").toAbsolutePath());
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsNamedWithItsSource(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("not-a-dir"), "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataDirectory.resolve(file, Map.of(), HOME))
                .hasMessage("--data-dir must be a directory, but " + file + " is a file; name a directory (it is"
                        + " created if absent)");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DataDirectory.resolve(null, Map.of("PACER_HOME", file.toString()), HOME))
                .hasMessageStartingWith("PACER_HOME must be a directory");
    }
}
