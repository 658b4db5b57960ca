package io.pacer.verdict.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.verdict.kafka.tune.Candidate;
import io.pacer.verdict.kafka.tune.Figures;
import io.pacer.verdict.kafka.tune.Trial;
import io.pacer.verdict.kafka.tune.TuneResult;
import io.pacer.verdict.kafka.tune.Tuner;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The page of a {@code pacer kafka tune} run: the verdict (a configuration met the target, or none did), the winner
 * and its confirmation beside Kafka's defaults, every candidate on the throughput/p99 plane with the Pareto front
 * drawn through it, the front and every run as tables, and the best configuration as it was written.
 */
final class TunePage {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TunePage() {}

    static String render(TuneResult r, Instant now) {
        boolean ok = r.best() != null
                && (r.confirmation() == null || r.confirmation().meetsTarget());
        String title = "Pacer kafka tune: " + (r.winner() == null ? "nothing measured" : r.winner());
        Html body = new Html(32 * 1024);
        body.raw("<header class=\"top\"><div class=\"verdict ")
                .raw(ok ? "pass\">TARGET MET" : "fail\">TARGET MISSED")
                .raw("</div><div><h1>")
                .text(title)
                .raw("</h1><p class=\"sub\">")
                .text(r.plan().candidates() + " candidates and Kafka's defaults · "
                        + r.trials().size() + " runs in "
                        + Format.duration(r.elapsedMillis()) + " of a " + Format.duration(r.budgetMillis())
                        + " budget · target p99 ≤ " + Format.latency(r.targetP99Micros()) + " · "
                        + Format.instant(r.startedAt()))
                .raw("</p></div></header>\n<main>\n");
        summary(body, r);
        body.raw("<section id=\"front\"><h2>Throughput against p99</h2><p class=\"note\">")
                .text("Each candidate at its latest (longest) run; the line joins the Pareto front — the candidates"
                        + " no other beat on both. Right of the dashed line misses the target.")
                .raw("</p><figure class=\"chart\"><figcaption><b>Candidates</b>records/s against p99, ms</figcaption>"
                        + "<div class=\"plot\" data-chart=\"pareto\" data-scenario=\"0\"></div></figure>")
                .raw("<table class=\"grid small\"><thead>")
                .headRow("Pareto front", "Records/s", "p99", "Target")
                .raw("</thead><tbody>");
        for (TuneResult.Point p : r.front()) {
            body.row(
                    p.candidate(),
                    Format.rate(p.recordsPerSecond()),
                    Format.latency(p.p99Micros()),
                    p.meetsTarget() ? "met" : "missed");
        }
        body.raw("</tbody></table></section>\n");
        trials(body, r);
        body.raw("<section id=\"workload\"><h2>Workload</h2><table class=\"pairs\">");
        new java.util.TreeMap<>(r.parameters()).forEach(body::pair);
        body.pair("durability", r.durability()).pair("seed", String.valueOf(r.seed()));
        body.raw("</table></section>\n</main>\n");
        ObjectNode data = NODES.objectNode();
        data.set("runs", NODES.arrayNode());
        data.set("tune", chartData(r));
        return Page.document(title, body.toString(), ChartData.toScriptJson(data), "dev", now);
    }

    private static void summary(Html body, TuneResult r) {
        body.raw("<section id=\"summary\"><h2>Result</h2><table class=\"pairs\">");
        body.pair("winner", r.winner() == null ? "none" : r.winner());
        if (r.best() != null) {
            body.pair(
                    "settings",
                    r.best().isEmpty()
                            ? "Kafka's defaults"
                            : r.best().entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining(" ")));
        }
        TuneResult.Confirmation c = r.confirmation();
        if (c != null) {
            body.pair("confirmed", figures(c.winner()) + (c.meetsTarget() ? " — target met" : " — target missed"))
                    .pair("Kafka's defaults, same run", figures(c.defaults()))
                    .pair(
                            "throughput, winner / defaults",
                            String.format(java.util.Locale.ROOT, "%.2f×", c.throughputRatio()));
        }
        body.pair(
                "plan",
                r.plan().rungs() + " rungs from " + r.plan().candidates() + " candidates; first runs "
                        + Format.duration(r.plan().firstRunMillis()) + ", each rung twice as long, after a "
                        + Format.duration(r.plan().warmupMillis()) + " warm-up each");
        body.raw("</table>");
        String best = Tuner.bestProperties(r);
        if (best != null) {
            body.raw("<details open><summary>Best configuration (.properties)</summary><pre><code>")
                    .text(best)
                    .raw("</code></pre></details>");
        }
        if (!r.notices().isEmpty()) {
            body.raw("<ul class=\"notices\">");
            r.notices().forEach(n -> body.element("li", null, n));
            body.raw("</ul>");
        }
        body.raw("</section>\n");
    }

    private static void trials(Html body, TuneResult r) {
        body.raw("<section id=\"runs\"><h2>Every run</h2><p class=\"note\">")
                .text("In order. Kafka's defaults run before every few candidates and after the last of each rung;"
                        + " a candidate's throughput is also shown relative to the defaults around it.")
                .raw("</p><table class=\"grid\"><thead>")
                .headRow("Rung", "Candidate", "Run", "Records/s", "vs defaults", "p50", "p99", "Failed", "Target")
                .raw("</thead><tbody>");
        for (Trial t : r.trials()) {
            Figures f = t.figures();
            body.row(
                    String.valueOf(t.rung() + 1),
                    t.candidate(),
                    Format.duration(f.runMillis()),
                    Format.rate(f.recordsPerSecond()),
                    String.format(java.util.Locale.ROOT, "%.2f×", t.relativeThroughput()),
                    Format.latency(f.p50Micros()),
                    Format.latency(f.p99Micros()),
                    Format.count(f.failed()),
                    t.meetsTarget() ? "met" : "missed");
        }
        body.raw("</tbody></table></section>\n");
    }

    private static String figures(Figures f) {
        return Format.count(Math.round(f.recordsPerSecond())) + " records/s, p99 " + Format.latency(f.p99Micros())
                + ", " + Format.count(f.failed()) + " failed, over " + Format.duration(f.runMillis());
    }

    /** Points (p99 ms, records/s) per candidate's latest run; which are on the front; the defaults and winner. */
    private static ObjectNode chartData(TuneResult r) {
        Set<String> front = r.front().stream().map(TuneResult.Point::candidate).collect(Collectors.toSet());
        ArrayNode points = NODES.arrayNode();
        for (Map.Entry<String, Figures> e : r.latest().entrySet()) {
            points.addObject()
                    .put("name", e.getKey())
                    .put("p99", e.getValue().p99Micros() / 1000.0)
                    .put("rps", e.getValue().recordsPerSecond())
                    .put("front", front.contains(e.getKey()))
                    .put("defaults", Candidate.DEFAULTS.equals(e.getKey()))
                    .put("winner", e.getKey().equals(r.winner()));
        }
        ObjectNode node = NODES.objectNode();
        node.set("points", points);
        node.put("target", r.targetP99Micros() / 1000.0);
        return node;
    }
}
