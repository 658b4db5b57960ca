package io.pacer.load.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splitsLinesAcrossBufferRefillsAndGrowsForLongOnes() throws Exception {
        String text = "a\r\n\n" + "b".repeat(99) + "\ncc\r\nlast";
        LineReader lines = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 4, 1024);

        assertThat(all(lines)).containsExactly("1:a", "2:", "3:" + "b".repeat(99), "4:cc", "5:last");
    }

    @Test
    void aLineOverTheMaximumIsSkippedWithItsStartKeptForTheMessage() throws Exception {
        String text = "ok\n" + "x".repeat(200) + "\nafter\n";
        LineReader lines = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 16, 100);

        assertThat(lines.next()).isTrue();
        assertThat(lines.text()).isEqualTo("ok");
        assertThatThrownBy(lines::next).isInstanceOfSatisfying(LineReader.TooLong.class, e -> {
            assertThat(e.getMessage()).isEqualTo("a line must be at most 100 bytes");
            assertThat(e.head()).isEqualTo("x".repeat(64));
        });
        assertThat(lines.number()).isEqualTo(2);
        assertThat(all(lines)).containsExactly("3:after");
    }

    private static List<String> all(LineReader lines) throws IOException, LineReader.TooLong {
        List<String> out = new ArrayList<>();
        while (lines.next()) {
            out.add(lines.number() + ":" + lines.text());
        }
        return out;
    }
}
