package io.pacer.verdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.testing.Browser;
import io.pacer.testing.ChromiumExtension;
import io.pacer.verdict.readiness.ClientConfigFile;
import io.pacer.verdict.readiness.ClientKind;
import io.pacer.verdict.readiness.Environment;
import io.pacer.verdict.readiness.Readiness;
import io.pacer.verdict.readiness.ReadinessChecks;
import io.pacer.verdict.readiness.ReadinessInput;
import io.pacer.verdict.readiness.ReadinessPolicy;
import io.pacer.verdict.readiness.ReadinessReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The readiness page of a real run opened in headless Chromium: every finding shown, nothing logged, a screenshot. */
@ExtendWith(ChromiumExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReadinessPageBrowserTest {

    @TempDir
    Path dir;

    @Test
    void theReadinessPageShowsEveryFindingWithoutErrors(Browser browser) throws Exception {
        Path producer = dir.resolve("producer.properties");
        Files.writeString(producer, "acks=1\nlinger.ms=0\nbatch.size=4096\n");
        Path consumer = dir.resolve("consumer.properties");
        Files.writeString(consumer, "group.id=orders\nmax.poll.interval.ms=60000\n");
        ClientConfigFile p = ClientConfigFile.read(producer, ClientKind.PRODUCER);
        ClientConfigFile c = ClientConfigFile.read(consumer, ClientKind.CONSUMER);
        ReadinessInput input = new ReadinessInput(
                Environment.PRODUCTION,
                p.config(),
                c.config(),
                null,
                null,
                null,
                List.of(),
                20_000.0,
                Duration.ofSeconds(45));
        ReadinessReport report =
                Readiness.run(input, List.of(), ReadinessChecks.all(), ReadinessPolicy.DEFAULT, Instant.now());
        Path page = Path.of("target", "reports", "readiness.html");
        ReadinessPage.write(report, page, "dev");

        browser.open(page.toAbsolutePath());
        Object shown = browser.script("return document.querySelectorAll('section.findings h3').length;");
        assertThat(((Number) shown).intValue())
                .isEqualTo(report.findings().size())
                .isGreaterThan(5);
        assertThat(browser.script("return document.querySelector('.verdict').textContent;"))
                .isEqualTo("NOT READY");
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("readiness");
    }
}
