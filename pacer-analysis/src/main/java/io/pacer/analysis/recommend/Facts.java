package io.pacer.analysis.recommend;

import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.History;
import io.pacer.analysis.SeriesStats;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a rule may read beyond its finding: the window's series (the current {@code maxmemory}, a batcher's linger in
 * force, where an application's agent listens), and the few formatting helpers every description shares.
 */
final class Facts {

    /** The gauge {@code PacerAgent.bindTo} registers ({@code pacer.agent.info}), as the scrape stores it. */
    static final String AGENT_INFO = "pacer_agent_info";

    private final History history;
    private final List<String> postgres;

    Facts(History history, List<String> postgres) {
        this.history = history;
        this.postgres = List.copyOf(postgres);
    }

    /** The action target of the PostgreSQL server a finding shows as {@code display}: see {@link PostgresUrls}. */
    String postgresTarget(String display) {
        return PostgresUrls.target(display, postgres);
    }

    /**
     * The URL of the agent of the application scraped at {@code target}: the {@code url} label of its {@code
     * pacer_agent_info} gauge, the most recently seen when there are several. Empty when the application runs no
     * agent, its gauge is not bound, or it last read 0 (the agent stopped): then only people can carry out its
     * tunables' advice.
     */
    Optional<String> agentUrl(String target) {
        if (target == null) {
            return Optional.empty();
        }
        return history.series(AGENT_INFO, Map.of("target", target)).stream()
                .filter(s -> s.labels().containsKey("url") && !s.points().isEmpty())
                .max(Comparator.comparing(Facts::newest))
                .filter(s -> SeriesStats.last(s) >= 1)
                .map(s -> s.labels().get("url"));
    }

    /** The latest value of the newest series named {@code name} with {@code labels}; NaN when there is none. */
    double last(String name, Map<String, String> labels) {
        return history.series(name, labels).stream()
                .filter(s -> !s.points().isEmpty())
                .max(Comparator.comparing(Facts::newest))
                .map(SeriesStats::last)
                .orElse(Double.NaN);
    }

    /** The mean over the window of the series named {@code name} with {@code labels} (all of them); NaN for none. */
    double mean(String name, Map<String, String> labels) {
        return history.series(name, labels).stream()
                .flatMap(s -> s.points().stream())
                .mapToDouble(Point::avg)
                .filter(Double::isFinite)
                .average()
                .orElse(Double.NaN);
    }

    /** How much the counters named {@code name} with {@code labels} rose in the window, summed; 0 for none. */
    double increase(String name, Map<String, String> labels) {
        return history.series(name, labels).stream()
                .mapToDouble(SeriesStats::increase)
                .sum();
    }

    private static Instant newest(Series s) {
        return s.points().get(s.points().size() - 1).timestamp();
    }

    /** A label of the finding's subject, else of its first evidence that has it; null when neither has it. */
    static String label(Finding f, String name) {
        String v = f.subject().get(name);
        if (v != null) {
            return v;
        }
        return f.evidence().stream()
                .map(e -> e.labels().get(name))
                .filter(x -> x != null)
                .findFirst()
                .orElse(null);
    }

    /** The finding's first evidence as one phrase: {@code host.cpu.usage.ratio p90 0.97 >= 0.9 over 10m}. */
    static String evidence(Finding f) {
        Evidence e = f.evidence().get(0);
        return e.series() + " " + e.statistic() + " " + number(e.observed()) + " " + e.comparator() + " "
                + number(e.threshold()) + " over " + span(Duration.between(e.from(), e.to()));
    }

    /** A number for people: at most 3 significant decimals, no trailing zeros, no exponent for everyday values. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double abs = Math.abs(v);
        String text = abs >= 100
                ? String.format(Locale.ROOT, "%.1f", v)
                : abs >= 1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3g", v);
        return text.contains(".") && !text.contains("e")
                ? text.replaceAll("0+$", "").replaceAll("\\.$", "")
                : text;
    }

    /** Bytes as people read them: {@code 256 MiB}. */
    static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int i = 0;
        while (Math.abs(b) >= 1024 && i < units.length - 1) {
            b /= 1024;
            i++;
        }
        return number(b) + " " + units[i];
    }

    /** A window's length: {@code 15m}, {@code 2h}, {@code 90s}. */
    static String span(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0 && s > 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** A duration as a tunable takes it ({@code 5ms}, {@code 1500us}): whole milliseconds when it is one. */
    static String tunableDuration(long micros) {
        return micros % 1000 == 0 ? micros / 1000 + "ms" : micros + "us";
    }
}
