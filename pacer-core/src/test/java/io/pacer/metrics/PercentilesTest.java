package io.pacer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentilesTest {

    /** A standard latency histogram holding 1, 2, ..., {@code n} µs once each. */
    private static Histogram oneTo(long n) {
        Histogram h = Histograms.latency();
        for (long v = 1; v <= n; v++) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void everyPercentileComesFromTheHistogram() {
        Percentiles p = Percentiles.of(oneTo(1000));

        assertThat(p.count()).isEqualTo(1000);
        assertThat(p.mean()).isCloseTo(500.5, within(0.5));
        assertThat(p.p50()).isEqualTo(500);
        assertThat(p.p90()).isEqualTo(900);
        assertThat(p.p95()).isEqualTo(950);
        assertThat(p.p99()).isEqualTo(990);
        assertThat(p.p999()).isEqualTo(999);
        assertThat(p.max()).isEqualTo(1000);
    }

    @Test
    void percentilesAreExactToThreeSignificantDigits() {
        Histogram h = Histograms.latency();
        h.recordValue(123_456_789); // 2 min 3 s
        Percentiles p = Percentiles.of(h);
        assertThat(p.p50()).isBetween(123_456_789L - 123_457, 123_456_789L + 123_457);
        assertThat(p.max()).isEqualTo(p.p50());
    }

    @Test
    void anEmptyHistogramGivesEmpty() {
        assertThat(Percentiles.of(Histograms.latency())).isSameAs(Percentiles.EMPTY);
        assertThat(Percentiles.EMPTY).isEqualTo(new Percentiles(0, 0, 0, 0, 0, 0, 0, 0));
        assertThatThrownBy(() -> Percentiles.of(null)).hasMessage("histogram");
    }

    @Test
    void percentilesOfAMergeAreThoseOfAllValuesNotOfThePercentiles() {
        Histogram low = Histograms.latency();
        Histogram high = Histograms.latency();
        for (long v = 1; v <= 1000; v++) {
            (v <= 900 ? low : high).recordValue(v);
        }
        Percentiles merged = Percentiles.of(Histograms.merge(List.of(Histograms.encode(low), Histograms.encode(high))));
        assertThat(merged).isEqualTo(Percentiles.of(oneTo(1000)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0          | 0 µs
            999.4      | 999 µs
            1000       | 1.00 ms
            12_500     | 12.50 ms
            9_999_999  | 10000.00 ms
            10_000_000 | 10.0 s
            """)
    void latencyReadsInTheUnitThatFits(String micros, String expected) {
        assertThat(Percentiles.format(Double.parseDouble(micros.replace("_", ""))))
                .isEqualTo(expected);
    }
}
