package io.pacer.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Pacer HTML report opened in a real {@link Browser}, for tests that must show its charts actually drew: the page
 * counts the charts it drew in {@code window.pacerCharts}, and every chart draws its first series in blue (#2563eb),
 * so pixels of that colour on a chart's canvas prove it drew data, not just axes.
 */
public final class ReportPage {

    /** Per canvas of the page, how many of its pixels are the first series' blue. */
    private static final String BLUE_PIXELS = "return Array.from(document.querySelectorAll('.uplot canvas')).map(c => {"
            + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
            + " for (let i = 0; i < d.length; i += 4) {"
            + "  if (d[i + 3] > 200 && Math.abs(d[i] - 37) < 40 && Math.abs(d[i + 1] - 99) < 40"
            + "      && Math.abs(d[i + 2] - 235) < 40) { n++; } }"
            + " return n; });";

    private final Browser browser;

    private ReportPage(Browser browser) {
        this.browser = browser;
    }

    /** Opens {@code page} and waits (up to 20 s) until every {@code [data-chart]} element has drawn its chart. */
    public static ReportPage open(Browser browser, Path page) {
        browser.open(page);
        browser.await(
                Duration.ofSeconds(20), "window.pacerCharts === document.querySelectorAll('[data-chart]').length");
        return new ReportPage(browser);
    }

    /** How many charts the page drew. */
    public int charts() {
        return ((Number) browser.script("return window.pacerCharts;")).intValue();
    }

    /** Per chart canvas, in page order, the pixels of the first series' colour. */
    public List<Long> seriesPixels() {
        @SuppressWarnings("unchecked")
        List<Number> pixels = (List<Number>) browser.script(BLUE_PIXELS);
        return pixels.stream().map(Number::longValue).toList();
    }

    /** How many charts have a legend. */
    public long legends() {
        return (Long) browser.script("return document.querySelectorAll('.u-legend').length;");
    }

    /** Everything the page fetched: nothing, for a self-contained report. */
    public List<?> fetched() {
        return (List<?>) browser.script("return performance.getEntriesByType('resource').map(e => e.name);");
    }

    /** The number of elements matching a CSS selector. */
    public long count(String selector) {
        return ((Number) browser.script("return document.querySelectorAll(arguments[0]).length;", selector))
                .longValue();
    }
}
