package io.pacer.cli;

import io.pacer.load.Gate;
import io.pacer.load.RunResult;
import io.pacer.load.Verdict;
import io.pacer.metrics.Percentiles;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The end-of-run report on stdout: what ran, how much, how fast, how late, what failed, and the verdict. */
final class Summary {
    private Summary() {}

    static void print(RunResult r, PrintWriter out) {
        print(r, Verdict.of(r), out);
    }

    /** The summary with {@code verdict}: the default gates and any --gate, each required one on the gates line. */
    static void print(RunResult r, Verdict verdict, PrintWriter out) {
        RunResult.Settings s = r.settings();
        RunResult.Counts c = r.counts();
        RunResult.Rates rates = r.rates();
        out.println();
        out.println(r.driver() + (r.stopped() ? "   [STOPPED EARLY: partial result]" : ""));
        out.println("  pacing       " + pacing(s) + ", users " + s.users());
        out.println("  measured     " + Numbers.seconds(rates.measuredMillis()) + warmup(r.warmup()));
        out.println("  operations   " + Numbers.count(c.operations()) + "   ok " + Numbers.count(c.ok()) + "   failed "
                + Numbers.count(c.failed())
                + (c.incomplete() > 0 ? " (incomplete " + Numbers.count(c.incomplete()) + ")" : ""));
        out.println("  throughput   " + Numbers.rate(rates.operationsPerSecond()) + " ops/s   "
                + Numbers.rate(rates.recordsPerSecond()) + " records/s   " + Numbers.mb(rates.megabytesPerSecond())
                + " MB/s");
        if (rates.targetRate() > 0) {
            out.println("  schedule     target " + Numbers.rate(rates.targetRate()) + "/s, achieved "
                    + Numbers.rate(rates.achievedRate()) + "/s, max lag " + Numbers.micros(rates.maxScheduleLagMicros())
                    + (rates.behindSchedule()
                            ? "   BEHIND SCHEDULE (latency still counted from the intended starts)"
                            : ""));
        }
        out.println("  latency      " + latency(r.latency()) + "   (from intended start"
                + ("unlimited".equals(s.pacing()) ? "; unlimited rate: from the actual start)" : ")"));
        if (!r.errors().isEmpty()) {
            out.println("  errors       " + counts(r.errors()));
        }
        if (r.statuses().size() > 1 || (!r.statuses().isEmpty() && !r.statuses().containsKey("ok"))) {
            out.println("  statuses     " + counts(r.statuses()));
        }
        r.labels().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.println("  " + e.getKey()
                        + "   " + Numbers.count(e.getValue().operations()) + " ops   "
                        + latency(e.getValue().latency())
                        + "   " + counts(e.getValue().statuses())));
        if (!r.driverSummary().isEmpty()) {
            out.println("  driver       "
                    + r.driverSummary().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + " " + Numbers.rate(e.getValue()))
                            .collect(Collectors.joining(", ")));
        }
        workers(r.distribution(), out);
        r.notices().forEach(n -> out.println("  notice       " + n));
        List<Gate.Check> asked =
                verdict.checks().stream().filter(Gate.Check::required).toList();
        if (!asked.isEmpty()) {
            out.println("  gates        "
                    + asked.stream().map(g -> (g.passed() ? "✓ " : "✗ ") + g).collect(Collectors.joining("; ")));
        }
        out.println("  verdict      " + verdict(verdict));
        out.flush();
    }

    /** Each worker's share beside the total, for a run on workers. */
    private static void workers(RunResult.Distribution d, PrintWriter out) {
        if (d == null) {
            return;
        }
        long missing = d.missingShares();
        out.println("  workers      " + (d.shares().size() - missing) + " of "
                + d.shares().size() + " shares done"
                + (missing > 0 ? "   PARTIAL RESULT: " + missing + " share(s) missing" : "") + "   (run " + d.runId()
                + ")");
        for (RunResult.Share s : d.shares()) {
            out.println("    " + s.worker() + "   share " + s.share() + "   "
                    + Numbers.count(s.counts().operations())
                    + " ops, failed " + Numbers.count(s.counts().failed())
                    + (s.targetRate() > 0
                            ? "   achieved " + Numbers.rate(s.achievedRate()) + "/s of " + Numbers.rate(s.targetRate())
                                    + "/s"
                            : "")
                    + "   p99 " + Numbers.micros(s.latency().p99()) + "   "
                    + s.state().toUpperCase(java.util.Locale.ROOT)
                    + (s.behindSchedule() ? "   BEHIND SCHEDULE" : ""));
            if (s.missing() != null) {
                out.println("      missing: " + s.missing());
            }
        }
    }

    private static String pacing(RunResult.Settings s) {
        return switch (s.pacing()) {
            case "open" ->
                "open model, target " + Numbers.rate(s.ratePerSecond()) + " ops/s"
                        + (s.rampUpMillis() > 0 ? ", ramp-up " + Numbers.seconds(s.rampUpMillis()) : "")
                        + (s.steps().isEmpty() ? "" : ", " + s.steps().size() + " step(s)");
            case "closed" -> "closed model, think time " + Numbers.seconds(s.thinkTimeMillis());
            case "recorded" -> "recorded timing × " + s.speed();
            default -> "unlimited rate";
        };
    }

    private static String warmup(RunResult.WarmupSummary w) {
        if ("none".equals(w.ended())) {
            return "";
        }
        return "   (warm-up " + Numbers.seconds(w.durationMillis()) + ", " + w.ended() + ", "
                + Numbers.count(w.counts().operations()) + " ops excluded; its p99 "
                + Numbers.micros(w.latency().p99()) + ")";
    }

    /** {@code PASS}, or {@code FAIL (failed operations: 12, must be 0; lost records: 3, must be 0)}. */
    static String verdict(Verdict v) {
        if (v.passed()) {
            return "PASS";
        }
        return "FAIL (" + v.failures().stream().map(Gate.Check::toString).collect(Collectors.joining("; ")) + ")";
    }

    private static String latency(Percentiles l) {
        if (l.count() == 0) {
            return "no completed operations";
        }
        return "p50 " + Numbers.micros(l.p50()) + "  p90 " + Numbers.micros(l.p90()) + "  p95 "
                + Numbers.micros(l.p95()) + "  p99 " + Numbers.micros(l.p99()) + "  p99.9 " + Numbers.micros(l.p999())
                + "  max " + Numbers.micros(l.max()) + "  mean " + Numbers.micros(l.mean());
    }

    private static String counts(Map<String, Long> byName) {
        return byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + Numbers.count(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
