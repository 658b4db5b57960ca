package io.pacer.monitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResolutionTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    /** The rule: raw up to 1 h, else the finest rollup with at most 1,500 points, else coarser while retention is gone. */
    @ParameterizedTest(name = "{0} back, {1} long -> {2}")
    @CsvSource({
        "PT1H,   PT1H,   raw",
        "PT2H,   PT2H,   1m",
        "PT24H,  PT24H,  1m",
        "PT25H,  PT25H,  1m",
        "PT26H,  PT26H,  5m",
        "P5D,    P5D,    5m",
        "P6D,    P6D,    15m",
        "P15D,   P15D,   15m",
        "P30D,   P30D,   1h",
        "P62D,   P62D,   1h",
        "P63D,   P63D,   1d",
        "P365D,  P365D,  1d",
        // an old short range: raw (24 h) and 1m (7 d) no longer hold it, 5m (30 d) does
        "P10D,   PT30M,  5m",
        // older than every finer retention: day buckets
        "P400D,  PT2H,   1d",
    })
    void choosesTheFinestResolutionThatFitsAndIsStillKept(Duration back, Duration length, String expected) {
        Instant from = NOW.minus(back);
        assertThat(Resolution.choose(from, from.plus(length), NOW, Retention.DEFAULT)
                        .label())
                .isEqualTo(expected);
    }
}
