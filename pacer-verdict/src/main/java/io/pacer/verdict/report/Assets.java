package io.pacer.verdict.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a report inlines, read once from the class path: uPlot 1.6.30 from its webjar ({@code
 * org.webjars.npm:uplot}, MIT licence) and the report's own style sheet and script.
 */
final class Assets {

    static final String UPLOT_VERSION = "1.6.30";
    private static final String UPLOT_DIST = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
    private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_END = Pattern.compile("</(style)", Pattern.CASE_INSENSITIVE);

    static final String UPLOT_JS = script(read(UPLOT_DIST + "uPlot.iife.min.js"));
    static final String UPLOT_CSS = style(read(UPLOT_DIST + "uPlot.min.css"));
    static final String REPORT_JS = script(read("io/pacer/verdict/report/report.js"));
    static final String REPORT_CSS = style(read("io/pacer/verdict/report/report.css"));

    private Assets() {}

    private static String read(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the class path: " + resource
                        + " (pacer-verdict's jar or its org.webjars.npm:uplot dependency is incomplete)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Inlined script text cannot end its element early: {@code </script} becomes {@code <\/script}. */
    static String script(String text) {
        return SCRIPT_END.matcher(text).replaceAll(Matcher.quoteReplacement("<\\/") + "$1");
    }

    private static String style(String text) {
        return STYLE_END.matcher(text).replaceAll(Matcher.quoteReplacement("<\\/") + "$1");
    }
}
