package io.pacer.cli;

import io.pacer.verdict.kafka.tune.Candidate;
import io.pacer.verdict.kafka.tune.Figures;
import io.pacer.verdict.kafka.tune.TuneResult;
import io.pacer.verdict.kafka.tune.Tuner;
import java.io.PrintWriter;
import java.util.Locale;

/** The tune run's result on stdout: the Pareto front, the winner, its confirmation beside Kafka's defaults. */
final class TuneSummary {
    private TuneSummary() {}

    static void print(TuneResult r, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "kafka tune: %d candidates and Kafka's defaults, %d runs in %s (budget %s), target p99 <= %s%n",
                r.plan().candidates(),
                r.trials().size() + (r.confirmation() == null ? 0 : 2),
                Numbers.seconds(r.elapsedMillis()),
                Numbers.seconds(r.budgetMillis()),
                Numbers.micros(r.targetP99Micros()));
        out.println();
        out.println("Pareto front, throughput against p99 (each candidate's latest run):");
        out.print(Tuner.frontTable(r));
        out.println();
        if (r.winner() == null) {
            out.println("winner       none: nothing could be measured");
        } else {
            out.println("winner       " + r.winner()
                    + (Candidate.DEFAULTS.equals(r.winner()) ? " (Kafka's defaults are best here)" : ""));
            if (r.best() != null && !r.best().isEmpty()) {
                out.println("settings     "
                        + String.join(
                                " ",
                                r.best().entrySet().stream()
                                        .map(e -> e.getKey() + "=" + e.getValue())
                                        .toList()));
            }
        }
        TuneResult.Confirmation c = r.confirmation();
        if (c != null) {
            out.println(
                    "confirmed    " + figures(c.winner()) + (c.meetsTarget() ? " (target met)" : " (target MISSED)"));
            out.printf(
                    Locale.ROOT,
                    "defaults     %s, same run: the winner sends %.2fx%n",
                    figures(c.defaults()),
                    c.throughputRatio());
        }
        for (String notice : r.notices()) {
            out.println("note         " + notice);
        }
        out.flush();
    }

    private static String figures(Figures f) {
        return Numbers.rate(f.recordsPerSecond()) + " records/s, p99 " + Numbers.micros(f.p99Micros()) + ", "
                + Numbers.count(f.failed()) + " failed, over " + Numbers.seconds(f.runMillis());
    }
}
