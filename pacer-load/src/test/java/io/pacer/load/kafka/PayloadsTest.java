package io.pacer.load.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.load.LoadSetupException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadsTest {

    @Test
    void randomPayloadsAreDistinctUpperCaseLettersOfTheSize() {
        Payloads payloads = Payloads.randomLetters(100, 42);
        assertThat(payloads.distinct()).isEqualTo(Payloads.MAX_POOL_ARRAYS);
        Set<String> seen = new HashSet<>();
        for (long sequence = 0; sequence < payloads.distinct(); sequence++) {
            byte[] value = payloads.next(sequence);
            assertThat(value).hasSize(100);
            String text = new String(value, StandardCharsets.US_ASCII);
            assertThat(text).matches("[A-Z]{100}");
            seen.add(text);
        }
        assertThat(seen).hasSize(payloads.distinct());
        assertThat(payloads.next(payloads.distinct())).isSameAs(payloads.next(0));
    }

    @Test
    void largeRecordsKeepThePoolBounded() {
        Payloads payloads = Payloads.randomLetters(3 << 20, 1);
        assertThat(payloads.distinct()).isEqualTo(2);
        assertThat(Payloads.randomLetters(Payloads.POOL_BYTES * 2, 1).distinct())
                .isEqualTo(1);
    }

    @Test
    void aPayloadFileGivesItsLinesRoundRobin(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("payloads.txt"), "{\"a\":1}\nzweite Zeile ü\n");
        Payloads payloads = Payloads.lines(file);
        assertThat(new String(payloads.next(0), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(new String(payloads.next(1), StandardCharsets.UTF_8)).isEqualTo("zweite Zeile ü");
        assertThat(new String(payloads.next(2), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void aMissingOrEmptyPayloadFileIsASetupError(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> Payloads.lines(missing))
                .isInstanceOf(LoadSetupException.class)
                .hasMessage("cannot read payload file " + missing + " (NoSuchFileException: " + missing
                        + "): check --payload-file");
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        assertThatThrownBy(() -> Payloads.lines(empty))
                .isInstanceOf(LoadSetupException.class)
                .hasMessage("payload file " + empty + " has no lines: put one payload per line");
    }
}
