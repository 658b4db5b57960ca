package io.pacer.cli;

import io.pacer.analysis.Analysis;
import io.pacer.analysis.Finding;
import io.pacer.analysis.Recommendation;
import io.pacer.analysis.action.ActionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How {@code pacer analyze} shows an {@link Analysis} to a person: the score and the window's figures, then the
 * bottlenecks and the recommendations, most important first, each recommendation with the action Pacer can take
 * ({@code pacer act plan …}) or its first step for people.
 */
final class AnalysisTable {

    private AnalysisTable() {}

    static List<String> lines(Analysis a, String source) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "pacer analyze  performance score %s/100  window %s ending %s  (%s s, %s)",
                number(a.performanceScore()),
                Numbers.duration(Duration.ofSeconds(a.windowSeconds())),
                a.timestamp(),
                number(a.analysisDurationSeconds()),
                source));
        if (!a.systemMetrics().isEmpty()) {
            lines.add("SYSTEM       " + figures(a.systemMetrics()));
        }
        if (!a.integrationMetrics().isEmpty()) {
            lines.add("INTEGRATION  " + figures(a.integrationMetrics()));
        }
        if (!a.databaseMetrics().isEmpty()) {
            lines.add("DATABASE     " + figures(a.databaseMetrics()));
        }
        if (!a.costPerformance().isEmpty()) {
            lines.add("COST         " + figures(a.costPerformance()));
        }
        lines.add("");
        if (a.bottlenecks().isEmpty()) {
            lines.add("BOTTLENECKS  none found");
        } else {
            lines.add("BOTTLENECKS  " + a.bottlenecks().size() + " ("
                    + a.criticalIssues().size() + " critical)");
            lines.add(String.format(Locale.ROOT, "  %-8s  %4s  %-22s  %s", "LEVEL", "CONF", "KIND", "WHAT"));
            for (Finding f : a.bottlenecks()) {
                lines.add(String.format(
                        Locale.ROOT,
                        "  %-8s  %4.2f  %-22s  %s%s",
                        f.level().name().toLowerCase(Locale.ROOT),
                        f.confidence(),
                        f.kind(),
                        f.summary(),
                        f.subject().isEmpty() ? "" : "  " + f.subject()));
            }
        }
        lines.add("");
        if (a.optimizationRecommendations().isEmpty()) {
            lines.add("RECOMMENDATIONS  none");
        } else {
            lines.add("RECOMMENDATIONS  " + a.optimizationRecommendations().size());
            int i = 1;
            for (Recommendation r : a.optimizationRecommendations()) {
                lines.add(String.format(
                        Locale.ROOT,
                        "  %d. [%s, effort %s] %s/%s: %s",
                        i++,
                        r.priority().json(),
                        r.effort().json(),
                        r.category(),
                        r.type(),
                        r.description()));
                lines.add("     expect: " + r.expectedImpact());
                lines.add(r.action() == null ? "     do: " + r.actions().get(0) : "     apply: " + act(r.action()));
            }
        }
        if (!a.problems().isEmpty()) {
            lines.add("");
            lines.add("PROBLEMS (the analysis went on without these)");
            a.problems().forEach(p -> lines.add("  " + p));
        }
        return lines;
    }

    /** The {@code pacer act plan} command line that carries out {@code action}, its parameters by name. */
    static String act(ActionRequest action) {
        return "pacer act plan --kind " + action.kind() + " --target " + action.target()
                + new TreeMap<>(action.parameters())
                        .entrySet().stream()
                                .map(e -> " -p " + e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining());
    }

    private static String figures(Map<String, Object> metrics) {
        return metrics.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() instanceof Double d ? number(d) : e.getValue()))
                .collect(Collectors.joining("  "));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
