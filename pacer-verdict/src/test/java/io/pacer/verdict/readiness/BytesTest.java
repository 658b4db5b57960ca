package io.pacer.verdict.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BytesTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "8g, 8589934592",
        "8G, 8589934592",
        "8GiB, 8589934592",
        "8gb, 8589934592",
        "512m, 536870912",
        "1.5g, 1610612736",
        "64k, 65536",
        "1t, 1099511627776",
        "1073741824, 1073741824",
        "' 2g ', 2147483648",
    })
    void parsesBinaryMultiples(String text, long bytes) {
        assertThat(Bytes.parse("--memory", text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "g", "-1g", "0", "eight", "8x", "NaN", "Infinity", "+1g", "1e300t"})
    void refusesWhatIsNotASize(String text) {
        assertThatThrownBy(() -> Bytes.parse("--memory", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--memory must be a size > 0 such as 8g, 512m or 1073741824, but was '" + text + "'");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"-1, unknown", "0, 0 B", "1023, 1023 B", "1536, 1.5 KiB", "8589934592, 8.0 GiB", "214748364800, 200 GiB"
    })
    void formats(long bytes, String text) {
        assertThat(Bytes.format(bytes)).isEqualTo(text);
    }
}
