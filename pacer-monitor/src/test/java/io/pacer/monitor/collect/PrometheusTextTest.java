package io.pacer.monitor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.monitor.collect.PrometheusText.Parsed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusTextTest {

    /** The example of the exposition format's own documentation, every feature of version 0.0.4 in it. */
    private static final String DOCUMENTED_EXAMPLE = """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000

            # Escaping in label values:
            msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9

            # Minimalistic line:
            metric_without_timestamp_and_labels 12.47

            # A weird metric from before the epoch:
            something_weird{problem="division by zero"} +Inf -3982045

            # A histogram, which has a pretty complex representation in the text format:
            # HELP http_request_duration_seconds A histogram of the request duration.
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320

            # Finally a summary, which has a complex representation, too:
            # HELP rpc_duration_seconds A summary of the RPC duration in seconds.
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.01"} 3102
            rpc_duration_seconds{quantile="0.5"} NaN
            rpc_duration_seconds_sum 1.7560473e+07
            rpc_duration_seconds_count 2693
            """;

    @Test
    void parsesTheDocumentedExample() {
        List<Parsed> samples = PrometheusText.parse(DOCUMENTED_EXAMPLE, false);
        assertThat(samples).hasSize(13);
        assertThat(samples.get(0))
                .isEqualTo(new Parsed(
                        "http_requests_total", Map.of("method", "post", "code", "200"), 1027, 1395066363000L));
        assertThat(samples.get(2).labels())
                .containsEntry("path", "C:\\DIR\\FILE.TXT")
                .containsEntry("error", "Cannot find file:\n\"FILE.TXT\"");
        assertThat(samples.get(2).value()).isEqualTo(1.458255915e9);
        assertThat(samples.get(3)).isEqualTo(new Parsed("metric_without_timestamp_and_labels", Map.of(), 12.47, null));
        assertThat(samples.get(4).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(samples.get(4).timestampMillis()).isEqualTo(-3982045L);
        assertThat(samples.get(10).value()).isNaN();
        assertThat(samples.get(11).value()).isEqualTo(1.7560473e+07);
    }

    @Test
    void parsesOpenMetricsWithSecondsTimestampsExemplarsAndEof() {
        String body = """
                # TYPE pacer_batcher_events counter
                # UNIT pacer_batcher_events events
                # HELP pacer_batcher_events Events by outcome.
                pacer_batcher_events_total{outcome="delivered"} 17.0 1700000000.250 # {trace_id="abc"} 1.0 1700000000.0
                pacer_batcher_events_created{outcome="delivered"} 1.7e9
                # EOF
                """;
        List<Parsed> samples = PrometheusText.parse(body, true);
        assertThat(samples).hasSize(2);
        assertThat(samples.get(0))
                .isEqualTo(new Parsed(
                        "pacer_batcher_events_total", Map.of("outcome", "delivered"), 17, 1_700_000_000_250L));
    }

    @Test
    void emptyBodyAndTrailingCommaAndSpacesAreAccepted() {
        assertThat(PrometheusText.parse("", false)).isEmpty();
        assertThat(PrometheusText.parse("a{x=\"1\",} 2\r\nb {y = \"2\"}\t3\n", false))
                .containsExactly(
                        new Parsed("a", Map.of("x", "1"), 2, null), new Parsed("b", Map.of("y", "2"), 3, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            HTML page                 | <html><body>hi</body></html>        | line 1: expected a metric name at column 1: '<html><body>hi</body></html>'
            JSON                      | {"a": 1}                           | line 1: expected a metric name at column 1
            no value                  | up                                 | line 1: expected a space and a value at column 3
            value not a number        | up one                             | line 1: 'one' is not a number
            Java-only float forms     | up 1d                              | line 1: '1d' is not a number
            hex float                 | up 0x1p3                           | line 1: '0x1p3' is not a number
            timestamp not integer     | up 1 17.5                          | line 1: '17.5' is not a timestamp in ms
            text after timestamp      | up 1 17 extra                      | line 1: unexpected text after the value
            unclosed label value      | up{a="b} 1                         | line 1: a label value is not closed by '"'
            bad escape                | up{a="\\t"} 1                      | line 1: bad escape '\\t' in a label value
            label twice               | up{a="1",a="2"} 1                  | line 1: label a appears twice
            bad label name            | up{1a="x"} 1                       | line 1: expected a label name at column 4
            missing comma             | up{a="1" b="2"} 1                  | line 1: expected ',' or '}' at column 10
            unknown type              | # TYPE up gauges                   | line 1: unknown type 'gauges'
            TYPE without name         | # TYPE                             | line 1: # TYPE must name a metric
            """)
    void rejectsWhatIsNotAnExposition(String what, String body, String message) {
        assertThatThrownBy(() -> PrometheusText.parse(body, false))
                .as(what)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void rejectsRepeatedSeriesAndMisplacedTypes() {
        assertThatThrownBy(() -> PrometheusText.parse("a{x=\"1\"} 1\na{x=\"1\"} 2\n", false))
                .hasMessage("line 2: the series a{x=1} appears twice: 'a{x=\"1\"} 2'");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\n# TYPE a counter\n", false))
                .hasMessageStartingWith("line 2: a second # TYPE for a");
        assertThatThrownBy(() -> PrometheusText.parse("a 1\n# TYPE a gauge\n", false))
                .hasMessageStartingWith("line 2: # TYPE for a after its samples");
    }

    @Test
    void openMetricsMustEndWithEofAndNothingAfter() {
        assertThatThrownBy(() -> PrometheusText.parse("a 1\n", true))
                .hasMessageStartingWith("line 2: an OpenMetrics exposition must end with # EOF");
        assertThatThrownBy(() -> PrometheusText.parse("a 1\n# EOF\nb 2\n", true))
                .hasMessageStartingWith("line 3: nothing may follow # EOF");
    }

    @Test
    void aLongGarbageLineIsShownCutShort() {
        String garbage = "\u0000\u0001binary" + "x".repeat(500);
        assertThatThrownBy(() -> PrometheusText.parse(garbage, false))
                .hasMessageContaining("'\\x00\\x01binaryxxx")
                .hasMessageEndingWith("... (508 chars)");
    }
}
