package io.pacer.cli;

import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.Alert;
import io.pacer.monitor.alert.AlertState;
import io.pacer.monitor.alert.Severity;
import io.pacer.monitor.collect.CollectorHealth;
import io.pacer.monitor.health.ComponentHealth;
import io.pacer.monitor.health.Deduction;
import io.pacer.monitor.health.HealthReport;
import io.pacer.monitor.kafka.LagResult;
import io.pacer.monitor.live.MonitorView;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How {@code pacer monitor} shows a {@link MonitorView}: a table redrawn in place on a terminal, one plain line per
 * refresh elsewhere (a log, CI), and the summary at the end.
 */
final class MonitorTable {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int TOP_DEDUCTIONS = 3;

    private MonitorTable() {}

    /** The whole table, for a terminal. */
    static List<String> table(MonitorView v, Duration elapsed, Duration total) {
        List<String> lines = new ArrayList<>();
        lines.add("pacer monitor  " + TIME.format(v.at()) + " UTC  " + progress(elapsed, total) + "  health "
                + score(v.health()) + "  " + Numbers.count(v.samples()) + " samples");
        lines.add("");
        lines.add("HOST     " + host(v));
        for (String jvm : jvms(v)) {
            lines.add("JVM      " + jvm);
        }
        lines.add("");
        lines.add("TARGETS");
        for (CollectorHealth c : v.collectors()) {
            lines.add("  " + collector(c, v));
        }
        if (!v.kafka().isEmpty()) {
            lines.add("");
            lines.add("KAFKA GROUPS");
            for (LagResult r : v.kafka()) {
                lines.add("  " + group(r));
            }
        }
        lines.add("");
        lines.add("ALERTS" + (v.alerts().isEmpty() ? "   none pending or firing" : ""));
        for (Alert a : v.alerts()) {
            lines.add("  " + alert(a));
        }
        lines.add("");
        lines.add("HEALTH   " + score(v.health()));
        for (String d : deductions(v.health())) {
            lines.add("  " + d);
        }
        return lines;
    }

    /** One line per refresh, for a log. */
    static String line(MonitorView v, Duration elapsed, Duration total) {
        long up = v.collectors().stream()
                .filter(c -> c.state() == CollectorHealth.State.UP)
                .count();
        List<String> down = v.collectors().stream()
                .filter(c -> c.state() == CollectorHealth.State.DOWN)
                .map(c -> c.name() + " (" + c.lastError() + ")")
                .toList();
        long firing =
                v.alerts().stream().filter(a -> a.state() == AlertState.FIRING).count();
        StringBuilder b = new StringBuilder();
        b.append(TIME.format(v.at()))
                .append(' ')
                .append(progress(elapsed, total))
                .append(" health ")
                .append(score(v.health()))
                .append(" | ")
                .append(host(v))
                .append(" | targets ")
                .append(up)
                .append('/')
                .append(v.collectors().size())
                .append(" up");
        if (!down.isEmpty()) {
            b.append(", down: ").append(String.join(", ", down));
        }
        for (LagResult r : v.kafka()) {
            b.append(" | kafka ")
                    .append(r.group().name())
                    .append(' ')
                    .append(r.group().status());
            b.append(" lag ").append(r.group().totalLag());
        }
        b.append(" | alerts ")
                .append(firing)
                .append(" firing, ")
                .append(v.alerts().size() - firing)
                .append(" pending");
        v.alerts().stream()
                .filter(a -> a.state() == AlertState.FIRING)
                .forEach(a -> b.append(", ").append(a.rule()).append(' ').append(a.series()));
        return b.append(" | ")
                .append(Numbers.count(v.samples()))
                .append(" samples")
                .toString();
    }

    /** What the run saw, at its end. */
    static List<String> summary(MonitorView v, Duration elapsed, String store, int exitCode) {
        List<String> lines = new ArrayList<>();
        lines.add("pacer monitor: " + Numbers.duration(elapsed) + ", " + Numbers.count(v.samples()) + " samples from "
                + v.collectors().size() + " collectors stored in " + store
                + (v.storeDropped() > 0 ? " (" + Numbers.count(v.storeDropped()) + " dropped)" : ""));
        for (CollectorHealth c : v.collectors()) {
            lines.add("  " + collector(c, v));
        }
        for (LagResult r : v.kafka()) {
            lines.add("  kafka " + group(r));
        }
        lines.add("alerts: " + v.transitions() + " transitions in this run; "
                + (v.alerts().isEmpty() ? "none pending or firing at the end" : "at the end:"));
        for (Alert a : v.alerts()) {
            lines.add("  " + alert(a));
        }
        lines.add("health: " + score(v.health()));
        for (String d : deductions(v.health())) {
            lines.add("  " + d);
        }
        lines.add(exitCode == ExitCode.OK ? "exit 0" : "exit 1: a critical alert is firing at the end");
        return lines;
    }

    /** Whether a critical alert is firing: the run's exit code is 1 then. */
    static boolean criticalFiring(MonitorView v) {
        return v.alerts().stream().anyMatch(a -> a.state() == AlertState.FIRING && a.severity() == Severity.CRITICAL);
    }

    private static String progress(Duration elapsed, Duration total) {
        return Numbers.duration(elapsed) + (total == null ? " (Ctrl-C stops)" : " of " + Numbers.duration(total));
    }

    private static String score(HealthReport h) {
        return String.format(Locale.ROOT, "%.0f/100 %s", h.score(), h.status());
    }

    private static String host(MonitorView v) {
        return "cpu " + percent(v.value("host.cpu.usage.ratio", Map.of()).orElse(null)) + "  memory "
                + percent(v.value("host.memory.used.ratio", Map.of()).orElse(null)) + "  load "
                + Numbers.decimal(v.value("host.load.1m", Map.of()).orElse(null));
    }

    /** Per JVM target: heap used / max, GC collections and time (all collectors summed). */
    private static List<String> jvms(MonitorView v) {
        Map<String, double[]> byTarget = new TreeMap<>();
        for (Sample s : v.latest()) {
            String target = s.labels().get("target");
            if (target == null || !s.name().startsWith("jvm.")) {
                continue;
            }
            double[] t = byTarget.computeIfAbsent(target, k -> new double[] {Double.NaN, Double.NaN, 0, 0});
            switch (s.name()) {
                case "jvm.memory.heap.used.bytes" -> t[0] = s.value();
                case "jvm.memory.heap.max.bytes" -> t[1] = s.value();
                case "jvm.gc.collections.total" -> t[2] += s.value();
                case "jvm.gc.time.seconds.total" -> t[3] += s.value();
                default -> {}
            }
        }
        List<String> lines = new ArrayList<>();
        byTarget.forEach((target, t) -> lines.add(String.format(
                Locale.ROOT,
                "%-10s heap %s / %s  gc %s collections, %s s",
                target,
                megabytes(t[0]),
                megabytes(t[1]),
                Numbers.count(t[2]),
                Numbers.decimal(t[3]))));
        return lines;
    }

    private static String collector(CollectorHealth c, MonitorView v) {
        String state = String.format(Locale.ROOT, "%-8s %-40s", c.state(), c.name());
        if (c.state() == CollectorHealth.State.DOWN) {
            return state + " " + c.lastError();
        }
        String detail =
                c.lastAt() == null ? "" : Numbers.duration(c.lastDuration()) + ", " + c.lastSamples() + " samples";
        if (c.name().startsWith("health:")) {
            String url = c.name().substring("health:".length());
            Double code = v.value("health.status.code", Map.of("target", url)).orElse(null);
            Double up = v.value("health.up", Map.of("target", url)).orElse(null);
            if (code != null) {
                detail += ", answers " + Numbers.decimal(code) + (up != null && up < 1 ? " FAILING" : " healthy");
            }
        }
        return state + " " + detail + (c.notes().isEmpty() ? "" : "; " + String.join("; ", c.notes()));
    }

    private static String group(LagResult r) {
        LagResult.Group g = r.group();
        return String.format(
                Locale.ROOT,
                "%-24s %-8s lag %s records%s (Burrow: %s)",
                g.name(),
                g.status(),
                Numbers.count(g.totalLag()),
                g.maxLagSeconds() == null ? "" : ", " + Numbers.decimal(g.maxLagSeconds()) + " s behind",
                g.burrowStatus());
    }

    private static String alert(Alert a) {
        return String.format(
                Locale.ROOT,
                "%-7s %-8s %-22s %s = %s (threshold %s) since %s",
                a.state(),
                a.severity().name().toLowerCase(Locale.ROOT),
                a.rule(),
                a.series(),
                Numbers.decimal(a.value()),
                Numbers.decimal(a.threshold()),
                TIME.format(a.since()));
    }

    /** The components that lost points, worst first, each with its largest deductions. */
    private static List<String> deductions(HealthReport h) {
        List<String> lines = new ArrayList<>();
        List<ComponentHealth> hurt = new ArrayList<>(
                h.components().stream().filter(c -> c.score() < 100).toList());
        hurt.sort(java.util.Comparator.comparingDouble(ComponentHealth::score));
        for (ComponentHealth c : hurt.subList(0, Math.min(TOP_DEDUCTIONS, hurt.size()))) {
            lines.add(String.format(Locale.ROOT, "%-10s %3.0f/100", c.component(), c.score()));
            for (Deduction d : c.deductions()
                    .subList(0, Math.min(TOP_DEDUCTIONS, c.deductions().size()))) {
                lines.add(String.format(Locale.ROOT, "  -%-3.0f %s", d.points(), d.reason()));
            }
        }
        return lines;
    }

    private static String percent(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    private static String megabytes(double bytes) {
        return Double.isNaN(bytes) ? "-" : String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
    }
}
