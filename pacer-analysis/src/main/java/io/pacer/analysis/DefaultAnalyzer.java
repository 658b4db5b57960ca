package io.pacer.analysis;

import io.pacer.analysis.recommend.RecommendationCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the selected detectors over the window, scores what they found and asks the catalogue what to do about it.
 *
 * <p><b>Selection.</b> A detector runs when the request includes its {@link Category} ({@code include_*} flags) and,
 * for a {@code quick_analysis}, when it is {@linkplain Detector#quick() quick}; a quick analysis also reads at most
 * {@link AnalysisRequest#QUICK_WINDOW} (the context is cut to the request's effective window if the caller did not).
 *
 * <p><b>Failures.</b> A detector that throws is reported in {@code problems} (its name and the reason) and the
 * analysis goes on without it: one broken detector must not hide what the others found.
 *
 * <p><b>Findings.</b> Findings with the same {@link Finding#id()} (two detectors, or one reporting twice) are one
 * finding: the more severe, then the more confident, is kept. They are ranked by level, then confidence, then kind
 * (in {@link FindingKinds#all()} order), then id.
 *
 * <p><b>Performance score</b>: {@code 100 − Σ weight(level) × confidence} over the findings, floored at 0 and rounded
 * to one decimal, with weight {@value #CRITICAL_WEIGHT} for critical, {@value #WARNING_WEIGHT} for a warning and 0
 * for info. A quiet window scores 100; one sure critical problem 75; four sure critical problems 0. The score says how
 * much is wrong, not how busy the system is — a machine at 60 % CPU with nothing found scores 100.
 */
final class DefaultAnalyzer implements Analyzer {

    /** Points a critical finding costs at confidence 1. */
    static final double CRITICAL_WEIGHT = 25;
    /** Points a warning costs at confidence 1. */
    static final double WARNING_WEIGHT = 8;

    private static final Logger LOG = LoggerFactory.getLogger(DefaultAnalyzer.class);

    private final List<Detector> detectors;
    private final RecommendationCatalogue catalogue;
    private final LongSupplier nanoTime;

    DefaultAnalyzer(List<Detector> detectors) {
        this(detectors, RecommendationCatalogue.standard(), System::nanoTime);
    }

    DefaultAnalyzer(List<Detector> detectors, RecommendationCatalogue catalogue, LongSupplier nanoTime) {
        this.detectors = List.copyOf(detectors);
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public List<Detector> detectors() {
        return detectors;
    }

    @Override
    public Analysis analyze(AnalysisContext context, AnalysisRequest request) {
        long started = nanoTime.getAsLong();
        AnalysisContext ctx = cut(context, request.effectiveWindow());
        History history = ctx.history();
        Set<Category> categories = request.categories();
        Map<String, Finding> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, Double> timings = new LinkedHashMap<>();
        for (Detector d : detectors) {
            if (!categories.contains(d.category()) || (request.quickAnalysis() && !d.quick())) {
                continue;
            }
            long t0 = nanoTime.getAsLong();
            try {
                List<Finding> found = d.detect(ctx);
                if (found == null) {
                    problems.add("detector " + d.name() + " returned no list (null)");
                } else {
                    found.forEach(f -> byId.merge(f.id(), f, DefaultAnalyzer::stronger));
                }
            } catch (RuntimeException e) {
                LOG.warn("detector {} failed; the analysis goes on without it", d.name(), e);
                problems.add("detector " + d.name() + " failed: " + reason(e));
            }
            timings.merge(d.name(), WindowMetrics.round(seconds(nanoTime.getAsLong() - t0), 4), Double::sum);
        }
        List<Finding> ranked = new ArrayList<>(byId.values());
        ranked.sort(RANKING);
        List<Recommendation> recommendations = catalogue.recommend(ranked, ctx);
        Map<String, Object> system = request.includeSystemMetrics()
                ? metrics("system_metrics", WindowMetrics::system, history, problems)
                : Map.of();
        Map<String, Object> integration = request.includeIntegrationMetrics()
                ? metrics("integration_metrics", WindowMetrics::integration, history, problems)
                : Map.of();
        Map<String, Object> database = request.includeDatabaseMetrics()
                ? metrics("database_metrics", WindowMetrics::database, history, problems)
                : Map.of();
        Map<String, Object> cost = metrics("cost_performance", WindowMetrics::costPerformance, history, problems);
        List<Finding> critical =
                ranked.stream().filter(f -> f.level() == Level.CRITICAL).toList();
        return new Analysis(
                ctx.now(),
                Duration.between(history.from(), history.to()).toSeconds(),
                score(ranked),
                WindowMetrics.round(seconds(nanoTime.getAsLong() - started), 3),
                system,
                integration,
                database,
                recommendations,
                critical,
                List.of(),
                ranked,
                cost,
                problems,
                timings);
    }

    /** {@code 100 − Σ weight(level) × confidence}, floored at 0, one decimal; see the class comment. */
    static double score(List<Finding> findings) {
        double deductions = 0;
        for (Finding f : findings) {
            deductions += weight(f.level()) * f.confidence();
        }
        return WindowMetrics.round(Math.max(0, 100 - deductions), 1);
    }

    static double weight(Level level) {
        return switch (level) {
            case CRITICAL -> CRITICAL_WEIGHT;
            case WARNING -> WARNING_WEIGHT;
            case INFO -> 0;
        };
    }

    /** Most severe first, then most confident, then in {@link FindingKinds#all()} order (unknown kinds last), id. */
    static final Comparator<Finding> RANKING = Comparator.comparing(Finding::level)
            .reversed()
            .thenComparing(Comparator.comparingDouble(Finding::confidence).reversed())
            .thenComparingInt(DefaultAnalyzer::kindOrder)
            .thenComparing(Finding::id);

    private static int kindOrder(Finding f) {
        int i = FindingKinds.all().indexOf(f.kind());
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static Finding stronger(Finding a, Finding b) {
        int byLevel = a.level().compareTo(b.level());
        if (byLevel != 0) {
            return byLevel > 0 ? a : b;
        }
        return a.confidence() >= b.confidence() ? a : b;
    }

    /** The context over at most {@code window} before its {@code now}. */
    private static AnalysisContext cut(AnalysisContext context, Duration window) {
        History h = context.history();
        Instant from = h.to().minus(window);
        if (!from.isAfter(h.from())) {
            return context;
        }
        return new AnalysisContext(h.window(from, h.to()), context.postgres());
    }

    private static Map<String, Object> metrics(
            String what, Function<History, Map<String, Object>> compute, History history, List<String> problems) {
        try {
            return compute.apply(history);
        } catch (RuntimeException e) {
            LOG.warn("{} could not be computed", what, e);
            problems.add(what + " could not be computed: " + reason(e));
            return Map.of();
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
