package io.pacer.verdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.testing.Browser;
import io.pacer.testing.ChromiumExtension;
import io.pacer.testing.ReportPage;
import io.pacer.verdict.kafka.tune.Candidate;
import io.pacer.verdict.kafka.tune.Figures;
import io.pacer.verdict.kafka.tune.Trial;
import io.pacer.verdict.kafka.tune.TuneResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code pacer kafka tune} page in a real headless Chromium: the Pareto chart draws, nothing is fetched, nothing
 * is logged, and a name from the result cannot inject markup. The result is made by hand (the search itself is
 * tested in {@code SearchTest}, on a broker in {@code KafkaTuneCliTest}); this test is about the page.
 */
@ExtendWith(ChromiumExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TunePageBrowserTest {

    private static final Path OUT = Path.of("target", "reports");

    @Test
    void theTunePageDrawsThePlaneWithTheFrontAndNoNetwork(Browser browser) throws Exception {
        Files.createDirectories(OUT);
        Path page = OUT.resolve("tune.html");
        TuneResult result = result();
        HtmlReport.write(result, page);

        ReportPage shown = ReportPage.open(browser, page);

        assertThat(shown.charts()).isEqualTo(1);
        assertThat(shown.count("[data-chart='pareto']")).isEqualTo(1);
        // the front is drawn in the first series colour (blue): a line through two points and their dots
        assertThat(shown.seriesPixels())
                .singleElement()
                .satisfies(n -> assertThat(n).isGreaterThan(40));
        assertThat(shown.fetched()).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(shown.count("script"))
                .as("no script from a candidate's name")
                .isEqualTo(3);
        String html = Files.readString(page);
        assertThat(html).contains("TARGET MET").contains("b65536-l5-lz4").contains("1.50×");
        browser.screenshot("report-tune");
    }

    private static TuneResult result() {
        String evil = "<script>alert(1)</script>";
        Figures defaults = figures(400_000, 20_000);
        Figures winner = figures(600_000, 12_000);
        List<Trial> trials = List.of(
                new Trial(Candidate.DEFAULTS, 0, true, defaults, 1.0, true),
                new Trial("b65536-l5-lz4", 0, false, winner, 1.5, true),
                new Trial(evil, 0, false, figures(300_000, 9_000), 0.75, true),
                new Trial("b524288-l50-zstd", 0, false, figures(100_000, 90_000), 0.25, false),
                new Trial(Candidate.DEFAULTS, 0, true, defaults, 1.0, true));
        return new TuneResult(
                TuneResult.SCHEMA,
                Instant.parse("2026-11-29T12:00:00Z"),
                Map.of("topic", "pacer-tune", "record_size", "100"),
                50_000,
                300_000,
                290_000,
                "strict",
                1,
                new TuneResult.SearchPlan(4, 2, 2_000, 500),
                List.of(new Candidate("b65536-l5-lz4", Map.of("batch.size", "65536"))),
                trials,
                List.of(
                        new TuneResult.Point("b65536-l5-lz4", 600_000, 12_000, true),
                        new TuneResult.Point(evil, 300_000, 9_000, true)),
                "b65536-l5-lz4",
                new TuneResult.Confirmation(winner, defaults, true, 1.5),
                Map.of("batch.size", "65536", "linger.ms", "5", "compression.type", "lz4"),
                List.of("a notice"));
    }

    private static Figures figures(double rps, long p99) {
        return new Figures(2_000, (long) (rps * 2), 0, rps, rps * 100 / 1048576, p99 / 2, p99, p99 * 2);
    }
}
