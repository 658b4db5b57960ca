package io.pacer.cli;

import io.pacer.monitor.kafka.LagResult;
import io.pacer.monitor.kafka.LagStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Lag evaluations as a table for people: a line per group, then its partitions that are not OK (or all). */
final class LagTable {
    private static final String ROW = "%-32s %-8s %14s %12s %12s  %s%n";

    private LagTable() {}

    static void print(List<LagResult> results, boolean allPartitions, PrintWriter out) {
        out.printf(Locale.ROOT, ROW, "group / partition", "status", "lag (records)", "lag (s)", "catch-up", "why");
        for (LagResult r : results) {
            LagResult.Group g = r.group();
            long notOk = r.partitions().stream()
                    .filter(p -> p.status() != LagStatus.OK)
                    .count();
            String why = g.status() == LagStatus.NOTFOUND
                    ? "no committed offsets"
                    : r.partitions().size() + (r.partitions().size() == 1 ? " partition, " : " partitions, ") + notOk
                            + " not OK";
            out.printf(
                    Locale.ROOT,
                    ROW,
                    g.name(),
                    g.status(),
                    Numbers.count(g.totalLag()),
                    seconds(g.maxLagSeconds()),
                    "",
                    why);
            for (LagResult.Partition p : r.partitions()) {
                if (allPartitions || p.status() != LagStatus.OK) {
                    out.printf(
                            Locale.ROOT,
                            ROW,
                            "  " + p.topic() + "-" + p.partition(),
                            p.status(),
                            Numbers.count(p.currentLag()),
                            seconds(p.lagSeconds()),
                            seconds(p.catchUpSeconds()),
                            p.reason());
                }
            }
        }
    }

    private static String seconds(Double seconds) {
        return seconds == null ? "-" : String.format(Locale.ROOT, "%,.1f s", seconds);
    }
}
