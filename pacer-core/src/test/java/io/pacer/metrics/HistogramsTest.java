package io.pacer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistogramsTest {

    /**
     * The label histogram of a {@code pacer.run-result/1} file written before the codec moved to pacer-core (four
     * latencies, the largest 4219 µs): it still decodes, and encodes back to the same text.
     */
    private static final String WRITTEN_BEFORE = "HISTFAAAACp4nJNpmSzMwMDAwwABzFCaEUIJVNt/gLCuSjBd5mR6yMa0kp0JAH+0Bnk=";

    @Test
    void theStandardLatencyShapeHoldsAnHourInMicrosecondsToThreeDigits() {
        Histogram h = Histograms.latency();
        assertThat(Histograms.HIGHEST_LATENCY_MICROS).isEqualTo(TimeUnit.HOURS.toMicros(1));
        assertThat(h.getHighestTrackableValue()).isGreaterThanOrEqualTo(Histograms.HIGHEST_LATENCY_MICROS);
        assertThat(h.getNumberOfSignificantValueDigits()).isEqualTo(3);
        assertThat(h.getTotalCount()).isZero();
        assertThat(Histograms.latency()).isNotSameAs(h);
    }

    @Test
    void encodedHistogramsDecodeToTheSameCounts() {
        Histogram h = Histograms.latency();
        h.recordValue(0);
        h.recordValue(1_500);
        h.recordValueWithCount(250_000, 7);
        h.recordValue(Histograms.HIGHEST_LATENCY_MICROS);

        String text = Histograms.encode(h);
        Histogram back = Histograms.decode(text);

        assertThat(text).startsWith("HISTF").matches("[A-Za-z0-9+/=]+");
        assertThat(back).isEqualTo(h);
        assertThat(Histograms.encode(back)).isEqualTo(text);
    }

    @Test
    void theTextFormIsTheOneRunResultsHaveAlwaysCarried() {
        Histogram h = Histograms.decode(WRITTEN_BEFORE);

        assertThat(h.getTotalCount()).isEqualTo(4);
        assertThat(h.getMaxValue()).isEqualTo(4219);
        assertThat(Percentiles.of(h).p50()).isEqualTo(2349);
        assertThat(Histograms.encode(h)).isEqualTo(WRITTEN_BEFORE);
    }

    @Test
    void textThatIsNoHistogramIsRefusedClearly() {
        assertThatThrownBy(() -> Histograms.decode("not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("histogram is not a base64-encoded compressed HdrHistogram: ");
        assertThatThrownBy(() -> Histograms.decode("SGVsbG8="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("histogram is not a base64-encoded compressed HdrHistogram: ");
    }

    @Test
    void mergeIsExactAndGrowsToTheLargestValue() {
        Histogram hour = Histograms.latency();
        hour.recordValue(10);
        hour.recordValue(Histograms.HIGHEST_LATENCY_MICROS);
        Histogram day = new Histogram(TimeUnit.HOURS.toMicros(24), 3); // the batcher's shape
        day.recordValue(TimeUnit.HOURS.toMicros(20));
        day.recordValue(10);

        Histogram merged = Histograms.merge(List.of(Histograms.encode(hour), Histograms.encode(day)));

        assertThat(merged.getTotalCount()).isEqualTo(4);
        assertThat(merged.getCountAtValue(10)).isEqualTo(2);
        assertThat(merged.getMaxValue()).isEqualTo(merged.highestEquivalentValue(TimeUnit.HOURS.toMicros(20)));
        assertThat(Histograms.merge(List.of()).getTotalCount()).isZero();
        assertThatThrownBy(() -> Histograms.merge(List.of(Histograms.encode(hour), "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
