package io.pacer.verdict.kafka.tune;

import io.pacer.internal.Json;
import io.pacer.metrics.Percentiles;
import io.pacer.time.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code pacer kafka tune}: finds the producer settings that move the most records within a p99 target on the
 * user's own cluster and workload, by measuring rather than guessing — an adaptive search (successive halving) over
 * {@code batch.size} × {@code linger.ms} × {@code compression.type} (× {@code acks} when durability is relaxed) of
 * short runs of the load engine's producer test, with Kafka's defaults measured in the same run as the baseline, and
 * the winner confirmed by one more run beside the defaults.
 */
public final class Tuner {

    private Tuner() {}

    /**
     * Tunes on the cluster {@code settings} name, within its budget.
     *
     * @param parameters the workload as the caller describes it, kept in the result
     * @throws IllegalArgumentException when the budget is too short for the smallest search
     * @throws IllegalStateException    when the cluster cannot be set up (the driver's setup error as cause)
     */
    public static TuneResult run(TuneSettings settings, Map<String, String> parameters, TuneListener listener)
            throws InterruptedException {
        return start(settings, parameters, listener).await();
    }

    /** Starts tuning as {@link #run} does, on a thread of its own, and returns the run to stop or await. */
    public static TuneRun start(TuneSettings settings, Map<String, String> parameters, TuneListener listener) {
        Trials trials = new KafkaTrials(settings, listener);
        Search search = search(settings, listener, trials, Ticker.system());
        Instant startedAt = Instant.now();
        CompletableFuture<TuneResult> result = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        trials.prepare();
                        result.complete(result(settings, parameters, startedAt, search.run()));
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                },
                "pacer-tune");
        thread.setDaemon(true);
        thread.start();
        return new TuneRun() {
            @Override
            public void stop() {
                search.stop();
            }

            @Override
            public TuneResult await() throws InterruptedException {
                try {
                    return result.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof InterruptedException interrupted) {
                        throw interrupted;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        };
    }

    /** Tunes on this thread with the given trials and clock: for tests with a model cluster. */
    static TuneResult run(
            TuneSettings settings,
            Map<String, String> parameters,
            TuneListener listener,
            Trials trials,
            Ticker ticker,
            Instant startedAt)
            throws InterruptedException {
        trials.prepare();
        return result(
                settings,
                parameters,
                startedAt,
                search(settings, listener, trials, ticker).run());
    }

    static Search search(TuneSettings settings, TuneListener listener, Trials trials, Ticker ticker) {
        return new Search(
                CandidateSpace.candidates(settings.durability(), settings.seed()),
                trials,
                ticker,
                settings.budget(),
                settings.targetP99(),
                settings.ratePerSecond(),
                Search.DEFAULT_OVERHEAD,
                listener);
    }

    private static TuneResult result(
            TuneSettings settings, Map<String, String> parameters, Instant startedAt, Search.Outcome outcome) {
        long target = settings.targetP99().toNanos() / 1_000;
        Plan plan = outcome.plan();
        TuneResult.Confirmation confirmation = outcome.confirmedWinner() == null
                ? null
                : new TuneResult.Confirmation(
                        outcome.confirmedWinner(),
                        outcome.confirmedBaseline(),
                        outcome.confirmedWinner().meets(target),
                        ratio(outcome.confirmedWinner(), outcome.confirmedBaseline()));
        List<TuneResult.Point> front = front(outcome.trials(), target);
        boolean winnerMet = outcome.winner() != null
                && latest(outcome.trials(), outcome.winner().name()).meets(target);
        List<String> notices = new ArrayList<>(outcome.notices());
        if (outcome.winner() != null && !winnerMet) {
            notices.add("no candidate met the target p99 of " + millis(target) + ": nothing to write as best");
        } else if (confirmation != null && !confirmation.meetsTarget()) {
            notices.add("the confirmation run of " + outcome.winner().name() + " missed the target (p99 "
                    + millis(confirmation.winner().p99Micros()) + "): it is on the edge on this cluster");
        }
        return new TuneResult(
                TuneResult.SCHEMA,
                startedAt,
                parameters,
                target,
                settings.budget().toMillis(),
                outcome.elapsed().toMillis(),
                settings.durability().name().toLowerCase(Locale.ROOT),
                settings.seed(),
                new TuneResult.SearchPlan(
                        plan.candidates(), plan.rungs(), plan.firstRun().toMillis(), KafkaTrials.WARMUP.toMillis()),
                outcome.candidates(),
                outcome.trials(),
                front,
                outcome.winner() == null ? null : outcome.winner().name(),
                confirmation,
                winnerMet ? outcome.winner().properties() : null,
                notices);
    }

    /** Writes {@code result} as indented JSON ({@value TuneResult#SCHEMA}), replacing {@code file}. */
    public static void writeJson(TuneResult result, Path file) throws IOException {
        Files.writeString(file, Json.documentWriter().writeValueAsString(result));
    }

    /** Reads a result {@link #writeJson} wrote. */
    public static TuneResult readJson(Path file) throws IOException {
        return Json.documentReader().forType(TuneResult.class).readValue(file.toFile());
    }

    /**
     * The best configuration as a {@code .properties} file, its measured figures as comments; null when no candidate
     * met the target.
     */
    public static String bestProperties(TuneResult result) {
        if (result.best() == null) {
            return null;
        }
        StringBuilder s = new StringBuilder()
                .append("# Pacer kafka tune: ")
                .append(result.winner())
                .append(", the best producer settings found within p99 <= ")
                .append(millis(result.targetP99Micros()))
                .append('\n')
                .append("# started ")
                .append(result.startedAt())
                .append(", workload: ")
                .append(new java.util.TreeMap<>(result.parameters()))
                .append('\n');
        TuneResult.Confirmation c = result.confirmation();
        if (c != null) {
            s.append(String.format(
                    Locale.ROOT,
                    "# confirmed: %.0f records/s at p99 %s; Kafka's defaults in the same run: %.0f records/s at p99"
                            + " %s (%.2fx)%n",
                    c.winner().recordsPerSecond(),
                    millis(c.winner().p99Micros()),
                    c.defaults().recordsPerSecond(),
                    millis(c.defaults().p99Micros()),
                    c.throughputRatio()));
        }
        s.append("# Lay these over your own settings (security, serializers); properties not listed keep Kafka's"
                + " defaults.\n");
        if (result.best().isEmpty()) {
            s.append("# Kafka's defaults won: nothing to change.\n");
        }
        result.best().forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
        return s.toString();
    }

    /** The Pareto front as a text table, best throughput first. */
    public static String frontTable(TuneResult result) {
        StringBuilder s = new StringBuilder(
                String.format(Locale.ROOT, "%-28s %14s %12s  %s%n", "candidate", "records/s", "p99", "target"));
        for (TuneResult.Point p : result.front()) {
            s.append(String.format(
                    Locale.ROOT,
                    "%-28s %14s %12s  %s%n",
                    p.candidate(),
                    String.format(Locale.ROOT, "%,.0f", p.recordsPerSecond()),
                    millis(p.p99Micros()),
                    p.meetsTarget() ? "met" : "missed"));
        }
        return s.toString();
    }

    /** Each candidate's latest run (Kafka's defaults: the mean of their runs in their latest rung). */
    static Map<String, Figures> latest(List<Trial> trials) {
        Map<String, Integer> lastRung = new LinkedHashMap<>();
        trials.forEach(t -> lastRung.merge(t.candidate(), t.rung(), Math::max));
        Map<String, Figures> latest = new LinkedHashMap<>();
        lastRung.forEach((name, rung) -> latest.put(
                name,
                Search.mean(trials.stream()
                        .filter(t -> t.candidate().equals(name) && t.rung() == rung)
                        .map(Trial::figures)
                        .toList())));
        return latest;
    }

    private static Figures latest(List<Trial> trials, String candidate) {
        return latest(trials).get(candidate);
    }

    /** Candidates no other beats on both throughput (higher) and p99 (lower), by throughput. */
    static List<TuneResult.Point> front(List<Trial> trials, long targetMicros) {
        List<Map.Entry<String, Figures>> byThroughput =
                new ArrayList<>(latest(trials).entrySet());
        byThroughput.sort(Comparator.comparingDouble(
                        (Map.Entry<String, Figures> e) -> -e.getValue().recordsPerSecond())
                .thenComparingLong(e -> e.getValue().p99Micros()));
        List<TuneResult.Point> front = new ArrayList<>();
        long bestP99 = Long.MAX_VALUE;
        for (Map.Entry<String, Figures> e : byThroughput) {
            Figures f = e.getValue();
            if (f.failed() == 0 && f.p99Micros() < bestP99) {
                bestP99 = f.p99Micros();
                front.add(new TuneResult.Point(e.getKey(), f.recordsPerSecond(), f.p99Micros(), f.meets(targetMicros)));
            }
        }
        return front;
    }

    private static double ratio(Figures a, Figures b) {
        return b.recordsPerSecond() > 0 ? a.recordsPerSecond() / b.recordsPerSecond() : 0;
    }

    static String millis(long micros) {
        return Percentiles.format(micros);
    }
}
