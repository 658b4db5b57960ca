package io.pacer.verdict.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigReaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return file;
    }

    @Test
    void keepsEachValueWithItsLine() throws Exception {
        Path file = file("producer.properties", "# producer\nacks=all\n\nlinger.ms = 10\n");
        ClientConfigFile read = ClientConfigFile.read(file, ClientKind.PRODUCER);
        assertThat(read.warnings()).isEmpty();
        assertThat(read.config().get("linger.ms")).contains(new ClientConfig.Entry("linger.ms", "10", 4));
        assertThat(read.config().where("acks")).isEqualTo("producer.properties:2");
        assertThat(read.config().where("batch.size")).isEqualTo("default");
    }

    @Test
    void unknownKeysAreWarnedInTheClientsOwnWords() throws Exception {
        Path file = file("p.properties", "lingr.ms=5\ngroup.id=g\nmetrics.context.env=prod\n");
        ClientConfigFile read = ClientConfigFile.read(file, ClientKind.PRODUCER);
        assertThat(read.warnings())
                .containsExactly(
                        file + ":1: The configuration 'lingr.ms' was supplied but isn't a known config."
                                + " Did you mean 'linger.ms'?",
                        file + ":2: The configuration 'group.id' was supplied but isn't a known config.");
        assertThat(ClientConfigFile.read(file, ClientKind.CONSUMER).warnings())
                .containsExactly(file + ":1: The configuration 'lingr.ms' was supplied but isn't a known config.");
    }

    @Test
    void aKeySetTwiceIsWarnedAndTheLastWins() throws Exception {
        Path file = file("c.properties", "acks=1\nlinger.ms=2\nacks=all\n");
        ClientConfigFile read = ClientConfigFile.read(file, ClientKind.PRODUCER);
        assertThat(read.config().get("acks")).contains(new ClientConfig.Entry("acks", "all", 3));
        assertThat(read.config().entries().keySet()).containsExactly("linger.ms", "acks");
        assertThat(read.warnings())
                .containsExactly(
                        file + ":3: 'acks' is also set on line 1; this later line wins, as java.util.Properties"
                                + " reads it");
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedWithFileAndLine() throws Exception {
        Path file = file("p.properties", "acks=all\nlinger.ms=soon\nacks=2\nenable.idempotence=yes\n");
        assertThatThrownBy(() -> ClientConfigFile.read(file, ClientKind.PRODUCER))
                .isInstanceOfSatisfying(ClientConfigException.class, e -> {
                    assertThat(e.problems())
                            .containsExactly(
                                    file + ":2: Invalid value soon for configuration linger.ms: Not a number of type"
                                            + " LONG",
                                    file + ":3: Invalid value 2 for configuration acks: String must be one of: all, -1,"
                                            + " 0, 1",
                                    file + ":4: Invalid value yes for configuration enable.idempotence: Expected value"
                                            + " to be either true or false");
                    assertThat(e.getMessage())
                            .isEqualTo(e.problems().get(0) + " (and 2 more problems in the same file)")
                            .doesNotContain("\n");
                });
    }

    @Test
    void unreadableFilesSayWhy() throws Exception {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ClientConfigFile.read(missing, ClientKind.CONSUMER))
                .isInstanceOf(ClientConfigException.class)
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> ClientConfigFile.read(dir, ClientKind.CONSUMER))
                .isInstanceOf(ClientConfigException.class)
                .hasMessage(dir + ": is a directory, not a consumer .properties file");
        Path malformed = file("bad.properties", "a=1\n\nb=\\uZZZZ\n");
        assertThatThrownBy(() -> ClientConfigFile.read(malformed, ClientKind.PRODUCER))
                .hasMessage(malformed + ":3: malformed \\uxxxx escape");
    }
}
