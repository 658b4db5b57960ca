package io.pacer.verdict.kafka.tune;

import io.pacer.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Successive halving inside a time budget: after a warm-up, every candidate runs briefly, the better half runs twice
 * as long, and so on down to two; Kafka's defaults and the winner then run in turn, {@link Plan#CONFIRM_PAIRS} times
 * each in the order D W W D (so a steady drift of the machine favours neither), to confirm; the confirmation's figures
 * are the mean of its runs. Kafka's defaults run
 * before every {@link Plan#BLOCK} candidates and after the last, so each candidate is judged against defaults
 * measured minutes — not a quarter of an hour — from it.
 *
 * <p>Better means: every record acknowledged and the p99 within the target first; among those, with an unlimited
 * rate the higher throughput relative to the surrounding default runs, with a target rate keeping up with it and
 * then the lower p99; among those missing the target, the lower p99. A candidate's relative throughput is that of all
 * its runs so far, weighted by length. Time comes from the injected {@link Ticker}, so
 * tests drive it by hand; before each run the search checks that the run, the default run closing its block and the
 * confirmation still fit the budget, and ends early (with a notice) when they do not.
 */
final class Search {

    /** A rate is kept up with when at least this share of it was sent. */
    static final double KEEPS_UP = 0.95;
    /** What a run is assumed to cost besides its length until runs have been timed. */
    static final Duration DEFAULT_OVERHEAD = Duration.ofMillis(1_000);

    private final Candidate baseline = Candidate.defaults();
    private final List<Candidate> candidates;
    private final Trials trials;
    private final Ticker ticker;
    private final long budgetNanos;
    private final long targetMicros;
    private final double rate;
    private final TuneListener listener;
    private final List<Trial> done = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private long start;
    private volatile boolean stopped;
    private long overheadNanos;
    private long timedRuns;
    private long overheadTotal;

    /**
     * The search's result: the first rung's candidates, every run, the winner (null if nothing ran) and the
     * confirmation (null if none).
     */
    record Outcome(
            Plan plan,
            List<Candidate> candidates,
            List<Trial> trials,
            Candidate winner,
            Figures confirmedWinner,
            Figures confirmedBaseline,
            List<String> notices,
            Duration elapsed) {}

    Search(
            List<Candidate> candidates,
            Trials trials,
            Ticker ticker,
            Duration budget,
            Duration targetP99,
            double rate,
            Duration overhead,
            TuneListener listener) {
        this.candidates = List.copyOf(candidates);
        this.trials = Objects.requireNonNull(trials, "trials");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.budgetNanos = budget.toNanos();
        this.targetMicros = targetP99.toNanos() / 1_000;
        this.rate = rate;
        this.overheadNanos = overhead.toNanos();
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    Outcome run() throws InterruptedException {
        start = ticker.nanos();
        Plan plan = Plan.of(Duration.ofNanos(budgetNanos), candidates.size(), Duration.ofNanos(overheadNanos));
        listener.onPlan(plan.candidates(), plan.rungs(), plan.firstRun());
        List<Candidate> contenders = candidates.subList(0, plan.candidates());
        warmUp(plan, contenders);
        List<Trial> finalRung = List.of();
        for (int rung = 0; rung < plan.rungs() && contenders.size() > 0; rung++) {
            List<Trial> measured = rung(rung, plan, contenders);
            boolean complete = measured.size() == contenders.size() + Plan.baselineRuns(contenders.size());
            if (!complete) {
                notice((stopped ? "stopped on request" : "the budget ran out") + " "
                        + (measured.isEmpty() ? "before" : "during") + " rung " + (rung + 1) + " of " + plan.rungs()
                        + (stopped ? "" : " (runs took longer to set up than planned)")
                        + ": the winner is the best of what was measured");
            }
            if (measured.stream().anyMatch(t -> !t.baseline())) {
                finalRung = measured;
            }
            if (!complete) {
                break;
            }
            List<Trial> ranked =
                    ranked(measured.stream().filter(t -> !t.baseline()).toList());
            if (rung + 1 < plan.rungs()) {
                List<Trial> kept = ranked.subList(0, Math.max(1, ranked.size() / 2));
                contenders = kept.stream().map(t -> candidate(t.candidate())).toList();
                listener.onRungEnd(rung, kept.stream().map(Trial::candidate).toList());
            }
        }
        if (finalRung.isEmpty()) {
            return new Outcome(
                    plan, candidates.subList(0, plan.candidates()), done, null, null, null, notices, elapsed());
        }
        Candidate winner = candidate(ranked(withBaselineMean(finalRung)).get(0).candidate());
        Figures[] confirmed = confirm(winner, plan.confirmRun());
        return new Outcome(
                plan,
                candidates.subList(0, plan.candidates()),
                done,
                winner,
                confirmed[0],
                confirmed[1],
                notices,
                elapsed());
    }

    /** Runs one rung: defaults, up to BLOCK candidates, defaults, ... while the budget allows. */
    private List<Trial> rung(int rung, Plan plan, List<Candidate> lineup) throws InterruptedException {
        Duration length = plan.runLength(rung);
        String phase = "rung " + (rung + 1) + "/" + plan.rungs();
        List<Trial> trialsOfRung = new ArrayList<>();
        long reserve = 2L * Plan.CONFIRM_PAIRS * (plan.confirmRun().toNanos() + overheadNanos);
        if (!fits(2 * (length.toNanos() + overheadNanos) + reserve)) {
            return trialsOfRung;
        }
        Figures before = measure(baseline, phase, length);
        trialsOfRung.add(record(baseline, rung, true, before, 1.0));
        List<Candidate> block = new ArrayList<>();
        List<Figures> blockFigures = new ArrayList<>();
        for (int i = 0; i < lineup.size(); i++) {
            // this run, and the default run that closes its block, must fit beside the confirmation
            if (!fits(2 * (length.toNanos() + overheadNanos) + reserve)) {
                break;
            }
            block.add(lineup.get(i));
            blockFigures.add(measure(lineup.get(i), phase, length));
            if (block.size() == Plan.BLOCK || i == lineup.size() - 1) {
                before = closeBlock(rung, phase, length, before, block, blockFigures, trialsOfRung);
            }
        }
        if (!block.isEmpty()) {
            closeBlock(rung, phase, length, before, block, blockFigures, trialsOfRung);
        }
        return trialsOfRung;
    }

    private Figures closeBlock(
            int rung,
            String phase,
            Duration length,
            Figures before,
            List<Candidate> block,
            List<Figures> blockFigures,
            List<Trial> trialsOfRung)
            throws InterruptedException {
        // once stopped, no closing run of the defaults: the block is judged against the one before it
        Figures after = stopped ? null : measure(baseline, phase, length);
        double reference =
                after == null ? before.recordsPerSecond() : (before.recordsPerSecond() + after.recordsPerSecond()) / 2;
        for (int j = 0; j < block.size(); j++) {
            Figures f = blockFigures.get(j);
            trialsOfRung.add(
                    record(block.get(j), rung, false, f, reference > 0 ? f.recordsPerSecond() / reference : 0));
        }
        if (after != null) {
            trialsOfRung.add(record(baseline, rung, true, after, 1.0));
        }
        block.clear();
        blockFigures.clear();
        return after == null ? before : after;
    }

    /**
     * Discarded runs that bring the client, the broker and the JIT to speed before anything is compared: Kafka's
     * defaults, then the first candidate that compresses (so the compression codecs are warm too).
     */
    private void warmUp(Plan plan, List<Candidate> contenders) throws InterruptedException {
        Candidate compressing = contenders.stream()
                .filter(c -> !"none".equals(c.properties().getOrDefault("compression.type", "none")))
                .findFirst()
                .orElse(contenders.get(0));
        List<Candidate> warmups = List.of(baseline, compressing);
        for (int i = 0; i < Plan.WARMUP_RUNS && !stopped; i++) {
            measure(warmups.get(i % warmups.size()), "warm-up", plan.warmupRun());
        }
    }

    /**
     * Runs the defaults and the winner in turn, {@link Plan#CONFIRM_PAIRS} times (fewer, or shorter down to 1 s, when
     * the budget is short); returns the mean figures of the winner's runs and of the defaults' runs.
     */
    private Figures[] confirm(Candidate winner, Duration length) throws InterruptedException {
        if (stopped) {
            notice("stopped on request before the confirmation: the winner is not confirmed");
            return new Figures[] {null, null};
        }
        long remaining = budgetNanos - (ticker.nanos() - start);
        int pairs = Plan.CONFIRM_PAIRS;
        long fitting = Math.min(length.toNanos(), remaining / (2L * pairs) - overheadNanos);
        while (fitting < Plan.MIN_RUN.toNanos() && pairs > 1) {
            pairs--;
            fitting = Math.min(length.toNanos(), remaining / (2L * pairs) - overheadNanos);
        }
        if (fitting < Plan.MIN_RUN.toNanos()) {
            notice("no time was left in the budget to confirm the winner");
            return new Figures[] {null, null};
        }
        Duration confirmLength = Duration.ofMillis(fitting / 1_000_000);
        boolean defaultsWon = winner.name().equals(baseline.name());
        List<Figures> defaults = new ArrayList<>();
        List<Figures> winners = new ArrayList<>();
        for (int i = 1; i <= pairs; i++) {
            String phase = "confirmation " + i + "/" + pairs;
            // in turns D W, W D, D W, ...: a machine that speeds up or slows down steadily favours neither
            boolean defaultsFirst = i % 2 == 1;
            if (defaultsFirst) {
                defaults.add(measure(baseline, phase, confirmLength));
            }
            winners.add(defaultsWon ? defaults.get(defaults.size() - 1) : measure(winner, phase, confirmLength));
            if (!defaultsFirst) {
                defaults.add(defaultsWon ? winners.get(winners.size() - 1) : measure(baseline, phase, confirmLength));
            }
        }
        return new Figures[] {mean(winners), mean(defaults)};
    }

    private Figures measure(Candidate candidate, String phase, Duration length) throws InterruptedException {
        listener.onTrialStart(candidate.name(), phase, length, elapsed());
        long began = ticker.nanos();
        Figures figures = trials.run(candidate, length);
        long took = ticker.nanos() - began;
        overheadTotal += Math.max(0, took - length.toNanos());
        timedRuns++;
        overheadNanos = overheadTotal / timedRuns;
        return figures;
    }

    private Trial record(Candidate candidate, int rung, boolean isBaseline, Figures figures, double relative) {
        Trial trial = new Trial(candidate.name(), rung, isBaseline, figures, relative, figures.meets(targetMicros));
        done.add(trial);
        listener.onTrial(trial, elapsed());
        return trial;
    }

    /** The rung's contenders with the defaults as one more: their runs averaged. */
    private List<Trial> withBaselineMean(List<Trial> rungTrials) {
        List<Trial> contenders =
                new ArrayList<>(rungTrials.stream().filter(t -> !t.baseline()).toList());
        List<Figures> runs =
                rungTrials.stream().filter(Trial::baseline).map(Trial::figures).toList();
        Figures mean = mean(runs);
        contenders.add(new Trial(baseline.name(), rungTrials.get(0).rung(), true, mean, 1.0, mean.meets(targetMicros)));
        return contenders;
    }

    static Figures mean(List<Figures> runs) {
        int n = runs.size();
        return new Figures(
                runs.stream().mapToLong(Figures::runMillis).sum(),
                runs.stream().mapToLong(Figures::operations).sum(),
                runs.stream().mapToLong(Figures::failed).sum(),
                runs.stream().mapToDouble(Figures::recordsPerSecond).sum() / n,
                runs.stream().mapToDouble(Figures::megabytesPerSecond).sum() / n,
                runs.stream().mapToLong(Figures::p50Micros).sum() / n,
                runs.stream().mapToLong(Figures::p99Micros).sum() / n,
                runs.stream().mapToLong(Figures::maxMicros).max().orElse(0));
    }

    /** Best first, by the rule in the class comment. */
    List<Trial> ranked(List<Trial> trialsToRank) {
        Comparator<Trial> good = Comparator.comparing((Trial t) -> !(t.meetsTarget() && keepsUp(t)));
        Comparator<Trial> order = good.thenComparing((a, b) -> {
            boolean aGood = a.meetsTarget() && keepsUp(a);
            if (aGood && rate <= 0) {
                return Double.compare(evidence(b), evidence(a));
            }
            if (!aGood && rate > 0 && keepsUp(a) != keepsUp(b)) {
                return keepsUp(a) ? -1 : 1;
            }
            return Long.compare(a.figures().p99Micros(), b.figures().p99Micros());
        });
        return trialsToRank.stream().sorted(order).toList();
    }

    /**
     * A candidate's relative throughput over all its runs so far, each weighted by its length: a survivor's earlier,
     * shorter runs still count, so one lucky or unlucky run decides less.
     */
    double evidence(Trial t) {
        if (t.baseline()) {
            return 1.0;
        }
        double weighted = 0;
        double weights = 0;
        for (Trial d : done) {
            if (!d.baseline() && d.candidate().equals(t.candidate())) {
                weighted += d.relativeThroughput() * d.figures().runMillis();
                weights += d.figures().runMillis();
            }
        }
        return weights > 0 ? weighted / weights : t.relativeThroughput();
    }

    private boolean keepsUp(Trial t) {
        return rate <= 0 || t.figures().recordsPerSecond() >= KEEPS_UP * rate;
    }

    private boolean fits(long nanos) {
        return !stopped && ticker.nanos() - start + nanos <= budgetNanos;
    }

    /** Ends the run going on and starts no other (the confirmation included). From any thread. */
    void stop() {
        stopped = true;
        trials.stop();
    }

    private Duration elapsed() {
        return Duration.ofNanos(ticker.nanos() - start);
    }

    private Candidate candidate(String name) {
        if (name.equals(baseline.name())) {
            return baseline;
        }
        return candidates.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private void notice(String message) {
        notices.add(message);
        listener.onNotice(message);
    }
}
