package io.pacer.load.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void writesDistinctReadableRecordsAtTenThousandPerSecondInEveryFormat() throws IOException {
        for (String name : new String[] {"g.jsonl", "g.csv", "g.jsonl.gz", "g.csv.gz"}) {
            Path file = dir.resolve(name);
            CaptureGenerator.Format format =
                    name.contains("csv") ? CaptureGenerator.Format.CSV : CaptureGenerator.Format.JSONL;
            long written = CaptureGenerator.write(file, 100_000, format, 7);

            Set<String> values = new HashSet<>();
            long count = 0;
            try (CaptureReader reader = Captures.open(file, false)) {
                for (CaptureRecord r; (r = reader.next()) != null; count++) {
                    assertThat(new String(r.key())).isEqualTo("k-" + count);
                    assertThat(r.timestampMillis()).isEqualTo(CaptureGenerator.START_MILLIS + count / 10);
                    assertThat(r.value()).hasSize(CaptureGenerator.VALUE_BYTES);
                    assertThat(new String(r.value())).matches("[a-zA-Z]+");
                    values.add(new String(r.value()));
                }
            }
            assertThat(count).as(name).isEqualTo(written).isBetween(90L, 100L);
            assertThat(values).as(name).hasSize((int) count);
        }
    }

    @Test
    void parsesSizesAndFormats() {
        assertThat(CaptureGenerator.parseSize("1g")).isEqualTo(1L << 30);
        assertThat(CaptureGenerator.parseSize("500MB")).isEqualTo(500L << 20);
        assertThat(CaptureGenerator.parseSize("1048576")).isEqualTo(1_048_576);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CaptureGenerator.parseSize("lots"))
                .withMessage("size must be a byte count such as 1g, 500m or 1048576, but was 'lots'");
        assertThat(CaptureGenerator.parseFormat("CSV")).isEqualTo(CaptureGenerator.Format.CSV);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CaptureGenerator.parseFormat("xml"))
                .withMessage("format must be jsonl or csv, but was 'xml'");
    }
}
