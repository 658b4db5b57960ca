package io.pacer.verdict.suite;

import io.pacer.load.RunResult;
import io.pacer.verdict.CapacityResult;
import io.pacer.verdict.GateResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console report of a suite: one compact table per scenario — what ran, each gate with ✓ or ✗, the measured
 * value and the bound — the capacity line and steps of a search, and a last line with the suite's verdict.
 *
 * <pre>
 * baseline · kafka produce · PASS
 *   30.0 s, 15,000 ops, 500 ops/s, failed 0 · p50 1.21 ms  p95 2.40 ms  p99 4.10 ms  max 18.2 ms
 *   ✓ p95&lt;500ms      2.40 ms    &lt; 500 ms
 *   ✓ errors&lt;1%      0%         &lt; 1%
 * </pre>
 */
public final class ConsoleReport {

    private ConsoleReport() {}

    /** Every scenario's table, then the verdict line. */
    public static void print(SuiteResult result, PrintWriter out) {
        for (ScenarioResult s : result.scenarios()) {
            scenario(s, out);
        }
        out.println(verdict(result));
        out.flush();
    }

    /**
     * {@code suite built-in: PASS, 9 gates, 0 failed, 3 scenarios in 2m 41s}, or FAIL, or {@code COULD NOT RUN} when
     * a scenario could not run.
     */
    public static String verdict(SuiteResult result) {
        long gates =
                result.scenarios().stream().mapToLong(s -> s.gates().size()).sum();
        long failed = result.scenarios().stream()
                .flatMap(s -> s.gates().stream())
                .filter(g -> !g.passed())
                .count();
        boolean error = result.scenarios().stream().anyMatch(s -> s.error() != null);
        long seconds = result.finishedAt().getEpochSecond() - result.startedAt().getEpochSecond();
        return "suite " + result.suite() + ": " + (error ? "COULD NOT RUN" : result.passed() ? "PASS" : "FAIL") + ", "
                + gates + " gates, " + failed + " failed, " + result.scenarios().size() + " scenario"
                + (result.scenarios().size() == 1 ? "" : "s") + " in " + (seconds >= 60 ? seconds / 60 + "m " : "")
                + seconds % 60 + "s";
    }

    /** One scenario's table. */
    public static void scenario(ScenarioResult s, PrintWriter out) {
        out.println();
        out.println(s.name() + " · " + s.driver() + " · "
                + (s.error() != null ? "COULD NOT RUN" : s.passed() ? "PASS" : "FAIL"));
        if (s.error() != null) {
            out.println("  " + s.error());
        }
        if (s.run() != null) {
            out.println("  " + run(s.run()));
            s.run().notices().stream().filter(n -> n.startsWith("abortOnFail")).forEach(n -> out.println("  " + n));
        }
        if (s.capacity() != null) {
            capacity(s.capacity(), out);
        }
        List<String[]> rows = new ArrayList<>();
        for (GateResult g : s.gates()) {
            rows.add(new String[] {
                (g.passed() ? "✓ " : "✗ ") + g.gate(),
                g.measured() == null ? "not measured" : quantity(g.measured(), g.unit()),
                bound(g)
            });
        }
        table(rows, out);
        out.flush();
    }

    private static void capacity(CapacityResult c, PrintWriter out) {
        out.println("  capacity " + rate(c.capacityPerSecond()) + " ops/s · knee "
                + (c.kneePerSecond() == null ? "none" : rate(c.kneePerSecond()) + " ops/s") + " · limited by "
                + switch (c.limitedBy()) {
                    case "system" -> "the system under test";
                    case "generator" -> "the load generator (it fell behind its schedule)";
                    default -> "nothing: the highest rate passed";
                }
                + " · " + c.steps().size() + " steps");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"  target/s", "achieved/s", "done/s", "p50", "p99", "errors", ""});
        for (CapacityResult.Step step : c.steps()) {
            rows.add(new String[] {
                "  " + rate(step.targetPerSecond()),
                rate(step.achievedPerSecond()),
                rate(step.throughputPerSecond()),
                micros(step.latency().p50()),
                micros(step.latency().p99()),
                significant(step.errorRate() * 100) + "%",
                (step.passed() ? "✓" : "✗") + (step.generatorBehind() ? " generator behind" : "")
            });
        }
        table(rows, out);
    }

    private static String run(RunResult r) {
        RunResult.Counts c = r.counts();
        String latency = r.latency().count() == 0
                ? "no completed operations"
                : "p50 " + micros(r.latency().p50()) + "  p95 "
                        + micros(r.latency().p95()) + "  p99 "
                        + micros(r.latency().p99()) + "  max "
                        + micros(r.latency().max());
        return significant(r.rates().measuredMillis() / 1000.0) + " s, " + count(c.operations()) + " ops, "
                + rate(r.rates().operationsPerSecond()) + " ops/s, failed " + count(c.failed())
                + (r.stopped() ? " (stopped early)" : "") + " · " + latency;
    }

    private static String bound(GateResult g) {
        String op = g.gate().replaceAll("^[^<>=]*?(<=|>=|==|<|>|=).*$", "$1");
        return (op.equals("=") || op.equals("==") ? "= " : op + " ") + quantity(g.bound(), g.unit());
    }

    private static String quantity(double value, String unit) {
        return switch (unit) {
            case "ms" -> significant(value) + " ms";
            case "%" -> significant(value) + "%";
            case "/s" -> rate(value) + "/s";
            default -> significant(value) + (unit.isEmpty() ? "" : " " + unit);
        };
    }

    private static void table(List<String[]> rows, PrintWriter out) {
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                line.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String micros(long micros) {
        return micros >= 1_000_000
                ? significant(micros / 1e6) + " s"
                : micros >= 1000 ? significant(micros / 1000.0) + " ms" : micros + " µs";
    }

    private static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond) : significant(perSecond);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Three significant digits, plainly: 2.4, 612, 0.0312; integers as they are. */
    static String significant(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return new BigDecimal(value)
                .round(new MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }
}
