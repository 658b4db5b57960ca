package io.pacer.verdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.verdict.readiness.Category;
import io.pacer.verdict.readiness.Environment;
import io.pacer.verdict.readiness.Evidence;
import io.pacer.verdict.readiness.Finding;
import io.pacer.verdict.readiness.ReadinessReport;
import io.pacer.verdict.readiness.ReadinessScore;
import io.pacer.verdict.readiness.Severity;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessPageTest {

    private static ReadinessReport report(List<Finding> findings, boolean ready) {
        ReadinessScore score = ReadinessScore.of(
                findings,
                EnumSet.of(Category.PRODUCER, Category.SECURITY),
                Map.of(Category.CLUSTER, "no cluster given (--bootstrap)"));
        return new ReadinessReport(
                ReadinessReport.SCHEMA,
                Instant.parse("2026-11-29T12:00:00Z"),
                Environment.STAGING,
                new ReadinessReport.Inputs(
                        "conf/<producer>.properties", null, null, List.of(), 5000.0, null, null, false),
                List.of("conf/<producer>.properties:3: The configuration 'x<y' was supplied but isn't a known config."),
                findings,
                score,
                new ReadinessReport.Verdict(ready, 0, Severity.CRITICAL, ready ? List.of() : List.of("1 finding")));
    }

    @Test
    void showsTheVerdictFindingsScoreAndInputs() {
        Finding critical = new Finding(
                "producer.acks-not-all",
                Category.PRODUCER,
                Severity.CRITICAL,
                "acks=1: acknowledged records can be lost",
                List.of(new Evidence("acks=1", "producer.properties:1")),
                "Why it matters.",
                "acks=all");
        Finding warning = new Finding(
                "security.plaintext",
                Category.SECURITY,
                Severity.WARNING,
                "The producer connects with PLAINTEXT",
                List.of(new Evidence("security.protocol=PLAINTEXT", "default")),
                "Why.",
                "security.protocol=SASL_SSL");
        String html = ReadinessPage.render(report(List.of(critical, warning), false), "9.9");
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<div class=\"verdict fail\">NOT READY</div>")
                .contains("<title>Pacer readiness: staging</title>")
                .contains("<h2>CRITICAL (1)</h2>")
                .contains("<h2>WARNING (1)</h2>")
                .contains("<td>acks=1  (producer.properties:1)</td>")
                .contains("<pre><code>acks=all</code></pre>")
                .contains("<div class=\"value\">60/100</div>") // producer: 100 − 40
                .contains("<td>−40 producer.acks-not-all (critical)</td>")
                .contains(
                        "<td>cluster</td><td class=\"num\">–</td><td>not checked</td><td>no cluster given (--bootstrap)</td>")
                .contains("5,000/s")
                .contains("Made by Pacer 9.9 on 2026-11-29 12:00:00 UTC")
                .doesNotContain("uPlot")
                .endsWith("</html>\n");
        assertThat(html.indexOf("CRITICAL (1)")).isLessThan(html.indexOf("WARNING (1)"));
    }

    @Test
    void everythingFromTheReportIsEscaped() {
        Finding f = new Finding(
                "producer.rejected-by-client",
                Category.PRODUCER,
                Severity.CRITICAL,
                "The producer refuses <script>alert(1)</script>",
                List.of(new Evidence("a=<b>", "<where>")),
                "why & because",
                "x=<y>");
        String html = ReadinessPage.render(report(List.of(f), false), "dev");
        assertThat(html)
                .doesNotContain("<script>")
                .doesNotContain("<b>")
                .doesNotContain("<producer>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("a=&lt;b&gt;  (&lt;where&gt;)")
                .contains("x=&lt;y&gt;")
                .contains("x&lt;y");
    }

    @Test
    void aReadyReportWithNoFindingsSaysSo() {
        String html = ReadinessPage.render(report(List.of(), true), "dev");
        assertThat(html).contains("<div class=\"verdict pass\">READY</div>").contains("No findings");
    }
}
