package io.pacer.server.dashboard;

import io.pacer.testing.Await;
import io.pacer.testing.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the dashboard's browser test reads from the page: waits that explain themselves, texts, chart pixels. */
final class DashboardPage {

    /** How long the test watches for something to appear on screen. */
    static final Duration WATCH = Duration.ofSeconds(20);

    /** Each system chart by the series its first line draws. */
    static final Map<String, String> SYSTEM_CHARTS = Map.of(
            "cpu", "host.cpu.usage.ratio",
            "memory", "host.memory.used.ratio",
            "disk", "host.disk.read.bytes.rate",
            "network", "host.network.receive.bytes.rate");

    /**
     * Per chart canvas matching the selector, the pixels of its series' colours: the first series' blue (#2563eb) or
     * the second's magenta (#c026d3) — a chart whose two series coincide shows only the one drawn last.
     */
    private static final String SERIES_PIXELS = "return Array.from(document.querySelectorAll(arguments[0])).map(c => {"
            + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
            + " const near = (i, r, g, b) => Math.abs(d[i] - r) < 40 && Math.abs(d[i + 1] - g) < 40"
            + "     && Math.abs(d[i + 2] - b) < 40;"
            + " for (let i = 0; i < d.length; i += 4) {"
            + "  if (d[i + 3] > 200 && (near(i, 37, 99, 235) || near(i, 192, 38, 211))) { n++; } }"
            + " return n; });";

    /**
     * Every visible text whose colour against its background falls below WCAG 2 AA: 4.5:1, or 3:1 for large text
     * (24 px, or 18.66 px bold). The background is the nearest opaque one up the tree.
     */
    private static final String LOW_CONTRAST = """
            const parse = (c) => { const m = /rgba?\\(([^)]+)\\)/.exec(c); if (!m) { return null; }
              const p = m[1].split(',').map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
            const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
            const background = (e) => { for (; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
              if (c && c.a > 0.5) { return c; } } return { r: 255, g: 255, b: 255, a: 1 }; };
            const low = []; const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (texts.nextNode()) {
              const t = texts.currentNode; const e = t.parentElement;
              if (!t.textContent.trim() || e.getClientRects().length === 0) { continue; }
              const s = getComputedStyle(e); const a = lum(parse(s.color)); const b = lum(background(e));
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); const size = parseFloat(s.fontSize);
              const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
              if (ratio < (large ? 3 : 4.5)) { low.push(t.textContent.trim().slice(0, 30) + ' ' + ratio.toFixed(2)); }
            }
            return low;""";

    /** The visible texts below WCAG AA contrast, each with its ratio; empty when all are readable. */
    static List<?> lowContrastTexts(Browser browser) {
        return (List<?>) browser.script(LOW_CONTRAST);
    }

    private DashboardPage() {}

    /**
     * Every chart in {@code charts} (and the first batcher's batch-size chart) holds at least two values of its first
     * series and drew its lines.
     */
    static void assertChartsDrawn(Browser browser, List<String> charts) {
        for (String chart : charts) {
            Await.until(
                    WATCH,
                    "the " + chart + " chart holding two values of its first series",
                    () -> browser.script(
                            "const u = window.pacerDashboard.charts[arguments[0]];"
                                    + " return u ? u.data[1].filter(v => v != null).length : -1;",
                            chart),
                    n -> ((Number) n).longValue() >= 2,
                    () -> "data "
                            + browser.script(
                                    "return JSON.stringify((window.pacerDashboard.charts[arguments[0]] || {}).data);",
                                    chart)
                            + ", console " + browser.consoleErrors());
        }
        until(browser, "document.querySelector('[data-batcher] .chart') !== null");
        until(browser, "Number(document.querySelector('[data-batcher] .chart').dataset.points) >= 2");
        // let the last animation frame draw
        until(browser, "document.querySelectorAll('.panel .uplot canvas').length >= 6");
        Await.until(
                WATCH,
                "every system chart and the batch-size chart drew its series",
                () -> pixels(browser, charts),
                p -> p.size() == charts.size() + 1 && p.stream().allMatch(n -> n > 30),
                () -> "blue pixels per canvas; data "
                        + browser.script(
                                "return JSON.stringify(Object.entries("
                                        + "window.pacerDashboard.charts).map(([k, u]) => [k, u.data[1].slice(-3), u.width, u.height]));")
                        + " " + browser.screenshot("dashboard-failed"));
    }

    /** Waits for a condition in the page; a failure shows the charts' latest data and the console errors. */
    static void until(Browser browser, String condition) {
        Await.until(
                WATCH,
                condition,
                () -> browser.script("return Boolean(" + condition + ");"),
                Boolean.TRUE::equals,
                () -> "charts "
                        + browser.script("return JSON.stringify(Object.entries(window.pacerDashboard.charts)"
                                + ".map(([k, u]) => [k, u.data[0].length, u.data.map(d => d.slice(-2))]));")
                        + ", console " + browser.consoleErrors());
    }

    static List<Long> pixels(Browser browser, List<String> charts) {
        String selector = charts.stream().map(c -> "#chart-" + c + " canvas").collect(Collectors.joining(", "));
        @SuppressWarnings("unchecked")
        List<Number> counts = (List<Number>) browser.script(
                SERIES_PIXELS, selector + (selector.isEmpty() ? "" : ", ") + "[data-batcher] .chart canvas");
        return counts.stream().map(Number::longValue).toList();
    }

    static long points(Browser browser, String chart) {
        return Long.parseLong((String) browser.script(
                "return document.getElementById('chart-' + arguments[0]).dataset.points || '0';", chart));
    }

    static String text(Browser browser, String selector) {
        return ((String) browser.script("return document.querySelector(arguments[0]).textContent;", selector)).trim();
    }

    static void awaitText(Browser browser, String selector, String expected) {
        Await.until(
                WATCH,
                selector + " showing " + expected,
                () -> text(browser, selector),
                expected::equals,
                () -> "page " + browser.driver().getCurrentUrl());
    }
}
