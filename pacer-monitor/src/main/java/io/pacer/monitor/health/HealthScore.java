package io.pacer.monitor.health;

import io.pacer.internal.Check;
import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.Alert;
import io.pacer.monitor.alert.AlertState;
import io.pacer.monitor.alert.SeriesKey;
import io.pacer.monitor.alert.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Health 0–100 per component and overall, explained: which inputs cost how many points. Thresholds live in one place
 * — the alert rules — so the score reads the alerts the engine holds rather than judging values a second way:
 *
 * <ul>
 *   <li>a firing alert costs {@code firingCritical} (40) or {@code firingWarning} (15) points;
 *   <li>a pending alert (breached, not yet for its {@code for} duration) costs {@code pendingCritical} (15) or
 *       {@code pendingWarning} (5);
 *   <li>a target that is down — a sample named {@code *.up} with value below 1 ({@code scrape.up}, {@code
 *       health.up}, {@code collector.up}) — costs {@code down} (50).
 * </ul>
 *
 * A component is the first word of a series name ({@code postgres.cache.hit.ratio} → {@code postgres}); for {@code
 * collector.up} it is the collector's kind from its {@code collector} label ({@code postgres:db1} → {@code
 * postgres}). Each component starts at 100 and loses its deductions, largest first, down to 0; a deduction that would
 * go below 0 is cut to what was left and says so, so the explanations always sum to exactly {@code 100 - score}. One
 * problem costs once: a series both down and under an active alert costs the larger of the two deductions. The
 * overall score is the mean of the components; the status says whether any one is bad, so an average never hides a
 * dead database.
 *
 * @param firingCritical points for a firing critical alert
 * @param firingWarning points for a firing warning
 * @param pendingCritical points for a pending alert at critical level
 * @param pendingWarning points for a pending alert at warning level
 * @param down points for a target that is down
 */
public record HealthScore(
        double firingCritical, double firingWarning, double pendingCritical, double pendingWarning, double down) {

    /** A component below this makes the status {@code degraded}. */
    public static final double DEGRADED_BELOW = 80;
    /** A component below this makes the status {@code critical}. */
    public static final double CRITICAL_BELOW = 50;

    public HealthScore {
        Check.range("firingCritical", firingCritical, 0, 100);
        Check.range("firingWarning", firingWarning, 0, 100);
        Check.range("pendingCritical", pendingCritical, 0, 100);
        Check.range("pendingWarning", pendingWarning, 0, 100);
        Check.range("down", down, 0, 100);
    }

    /** The weights above: 40, 15, 15, 5, 50. */
    public static HealthScore ofDefaults() {
        return new HealthScore(40, 15, 15, 5, 50);
    }

    /**
     * @param latest the latest sample of each series (the monitor's last collection of every collector)
     * @param alerts the alerts pending or firing now ({@code AlertEngine.active()})
     */
    public HealthReport score(List<Sample> latest, List<Alert> alerts) {
        // One problem, one deduction: a series both down and under an active alert (health.up with its rule firing)
        // costs the larger of the two, not both.
        Map<String, Map<String, Deduction>> costs = new TreeMap<>();
        Map<String, Set<String>> inputs = new TreeMap<>();
        for (Sample s : latest) {
            String component = component(s);
            String series = SeriesKey.of(s).toString();
            inputs.computeIfAbsent(component, k -> new HashSet<>()).add(series);
            costs.computeIfAbsent(component, k -> new TreeMap<>());
            if (s.name().endsWith(".up") && s.value() < 1) {
                charge(costs, component, series, new Deduction(component, "down " + series, down, series + " is down"));
            }
        }
        for (Alert a : alerts) {
            String component = a.component();
            String series = a.series().toString();
            charge(costs, component, series, alertCost(a));
            inputs.computeIfAbsent(component, k -> new HashSet<>()).add(series);
        }
        List<ComponentHealth> components = new ArrayList<>();
        for (Map.Entry<String, Map<String, Deduction>> e : costs.entrySet()) {
            components.add(component(
                    e.getKey(),
                    inputs.get(e.getKey()).size(),
                    List.copyOf(e.getValue().values())));
        }
        return overall(components);
    }

    /** Adds {@code d} for {@code series}, keeping the larger deduction when the series already has one. */
    private static void charge(
            Map<String, Map<String, Deduction>> costs, String component, String series, Deduction d) {
        costs.computeIfAbsent(component, k -> new TreeMap<>())
                .merge(series, d, (a, b) -> a.points() >= b.points() ? a : b);
    }

    private Deduction alertCost(Alert a) {
        boolean firing = a.state() == AlertState.FIRING;
        boolean critical = a.severity() == Severity.CRITICAL;
        double points =
                firing ? (critical ? firingCritical : firingWarning) : (critical ? pendingCritical : pendingWarning);
        String reason = String.format(
                java.util.Locale.ROOT,
                "%s %s: %s = %s, threshold %s",
                a.state().name().toLowerCase(java.util.Locale.ROOT),
                a.severity().name().toLowerCase(java.util.Locale.ROOT),
                a.series(),
                number(a.value()),
                number(a.threshold()));
        return new Deduction(a.component(), "alert " + a.rule() + " on " + a.series(), points, reason);
    }

    private static ComponentHealth component(String name, int inputs, List<Deduction> raw) {
        List<Deduction> sorted = new ArrayList<>(raw);
        sorted.sort(Comparator.comparingDouble(Deduction::points).reversed().thenComparing(Deduction::input));
        List<Deduction> taken = new ArrayList<>();
        double left = 100;
        for (Deduction d : sorted) {
            if (left <= 0 || d.points() <= 0) {
                continue;
            }
            if (d.points() <= left) {
                taken.add(d);
                left -= d.points();
            } else {
                taken.add(new Deduction(
                        d.component(),
                        d.input(),
                        left,
                        d.reason() + " (" + number(d.points()) + " points, cut to the " + number(left) + " left)"));
                left = 0;
            }
        }
        return new ComponentHealth(name, left, inputs, taken);
    }

    private static HealthReport overall(List<ComponentHealth> components) {
        if (components.isEmpty()) {
            return new HealthReport(100, "no data", List.of(), List.of());
        }
        int n = components.size();
        List<Deduction> shares = new ArrayList<>();
        double lost = 0;
        double worst = 100;
        for (ComponentHealth c : components) {
            worst = Math.min(worst, c.score());
            double share = (100 - c.score()) / n;
            if (share > 0) {
                lost += share;
                shares.add(new Deduction(
                        c.component(),
                        "component " + c.component(),
                        share,
                        c.component() + " scores " + number(c.score()) + " of 100; one of " + n + " components"));
            }
        }
        shares.sort(Comparator.comparingDouble(Deduction::points).reversed());
        double score = 100 - lost;
        String status = worst < CRITICAL_BELOW
                ? "critical"
                : worst < DEGRADED_BELOW || score < DEGRADED_BELOW ? "degraded" : "healthy";
        return new HealthReport(score, status, components, shares);
    }

    private static String component(Sample s) {
        if (s.name().equals("collector.up") && s.labels().containsKey("collector")) {
            String c = s.labels().get("collector");
            int colon = c.indexOf(':');
            return colon < 0 ? c : c.substring(0, colon);
        }
        int dot = s.name().indexOf('.');
        return dot < 0 ? s.name() : s.name().substring(0, dot);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : String.format(java.util.Locale.ROOT, "%.4g", v)
                        .replaceAll("0+$", "")
                        .replaceAll("\\.$", "");
    }
}
