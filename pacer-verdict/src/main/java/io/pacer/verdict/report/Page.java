package io.pacer.verdict.report;

import java.time.Instant;

/**
 * The frame every report page shares: one self-contained HTML document with uPlot, the style sheet, the chart data
 * and the chart script inlined, so it opens from a file, an e-mail or a CI artifact with no network at all.
 */
final class Page {

    private Page() {}

    /**
     * The whole document.
     *
     * @param title the page title (escaped here)
     * @param body the body's markup, built with {@link Html}
     * @param dataJson the charts' data from {@link ChartData#toScriptJson}
     * @param toolVersion the Pacer version named in the footer
     * @param now when the report was made
     */
    static String document(String title, String body, String dataJson, String toolVersion, Instant now) {
        Html html = new Html(body.length() + dataJson.length() + Assets.UPLOT_JS.length() + 16_384);
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<meta name=\"generator\" content=\"Pacer ")
                .text(toolVersion)
                .raw("\">\n<title>")
                .text(title)
                .raw("</title>\n<style>")
                .raw(Assets.UPLOT_CSS)
                .raw("</style>\n<style>")
                .raw(Assets.REPORT_CSS)
                .raw("</style>\n</head>\n<body>\n")
                .raw(body)
                .raw("<footer>Made by Pacer ")
                .text(toolVersion)
                .raw(" on ")
                .text(Format.instant(now))
                .raw(". Latency is measured from each operation's intended start (coordinated omission"
                        + " corrected), in ms; warm-up is excluded from every figure and shaded in the charts."
                        + " Charts: uPlot " + Assets.UPLOT_VERSION + " (MIT). This file needs no network.</footer>\n")
                .raw("<script type=\"application/json\" id=\"pacer-data\">")
                .raw(dataJson)
                .raw("</script>\n<script>")
                .raw(Assets.UPLOT_JS)
                .raw("</script>\n<script>")
                .raw(Assets.REPORT_JS)
                .raw("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * A document without charts (no uPlot, no chart script): the same frame and style sheet, for pages that are
     * tables and text, such as the readiness report.
     *
     * @param title the page title (escaped here)
     * @param body the body's markup, built with {@link Html}
     * @param toolVersion the Pacer version named in the footer
     * @param now when the report was made
     * @param footerNote what the footer says after who made it and when (escaped here)
     */
    static String document(String title, String body, String toolVersion, Instant now, String footerNote) {
        Html html = new Html(body.length() + Assets.REPORT_CSS.length() + 4096);
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<meta name=\"generator\" content=\"Pacer ")
                .text(toolVersion)
                .raw("\">\n<title>")
                .text(title)
                .raw("</title>\n<style>")
                .raw(Assets.REPORT_CSS)
                .raw("</style>\n</head>\n<body>\n")
                .raw(body)
                .raw("<footer>Made by Pacer ")
                .text(toolVersion)
                .raw(" on ")
                .text(Format.instant(now))
                .raw(". ")
                .text(footerNote)
                .raw(" This file needs no network.</footer>\n</body>\n</html>\n");
        return html.toString();
    }
}
