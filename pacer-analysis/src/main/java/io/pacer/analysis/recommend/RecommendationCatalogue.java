package io.pacer.analysis.recommend;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Effort;
import io.pacer.analysis.Finding;
import io.pacer.analysis.History;
import io.pacer.analysis.Level;
import io.pacer.analysis.Priority;
import io.pacer.analysis.Recommendation;
import io.pacer.internal.Check;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pacer's recommendation catalogue: turns findings into seed 002's recommendations — category, type, priority,
 * description with the numbers, concrete actions, expected impact, effort — each linked to the findings it rests on
 * and, where Pacer can carry it out, to the {@link io.pacer.analysis.action.ActionRequest} that does.
 *
 * <p>Why a catalogue rather than free text from each detector: the advice for a kind of problem is the same whoever
 * found it, one finding kind maps to one rule, and two findings that call for the same change (a Redis hit-ratio drop
 * and Redis evictions both asking for more {@code maxmemory}) become one recommendation linked to both.
 *
 * <ul>
 *   <li><b>Priority</b> comes from the finding's level times its confidence: {@link #priority}.
 *   <li><b>Deduplication</b>: a recommendation's id is its type plus its subject; findings whose advice has the same
 *       id merge into one recommendation with the highest priority, the strongest finding's text and every finding
 *       id; an action any of them proposes is kept.
 *   <li><b>Ranking</b>: priority, then the strongest finding's confidence, then those Pacer can carry out, then id.
 *   <li>{@link Level#INFO} findings get none (worth knowing, nothing to do); a kind the catalogue does not know gets
 *       a generic "investigate" recommendation so no finding is silently dropped.
 * </ul>
 */
public final class RecommendationCatalogue {

    /** Level × confidence at or above which a recommendation is critical (a critical finding at least 70 % sure). */
    public static final double CRITICAL_AT = 2.1;
    /** … high (a sure warning, or a critical finding at least about half sure). */
    public static final double HIGH_AT = 1.4;
    /** … medium; below it, low. */
    public static final double MEDIUM_AT = 0.8;

    private final Map<String, Advice> rules;

    private RecommendationCatalogue(Map<String, Advice> rules) {
        this.rules = Map.copyOf(rules);
    }

    /** Every rule Pacer ships: system (seed 000's ResourceManager advice), streaming and caching, database. */
    public static RecommendationCatalogue standard() {
        Map<String, Advice> rules = new HashMap<>();
        rules.putAll(SystemAdvice.rules());
        rules.putAll(StreamAdvice.rules());
        rules.putAll(DatabaseAdvice.rules());
        return new RecommendationCatalogue(rules);
    }

    /**
     * How soon to act on a finding: its level's weight (info 1, warning 2, critical 3) times its confidence, against
     * {@link #CRITICAL_AT}, {@link #HIGH_AT} and {@link #MEDIUM_AT}. A sure warning is high, an unsure one medium; a
     * critical finding is critical only when the detector is fairly sure.
     */
    public static Priority priority(Level level, double confidence) {
        Check.range("confidence", confidence, 0.0, 1.0);
        double weight = switch (level) {
            case INFO -> 1;
            case WARNING -> 2;
            case CRITICAL -> 3;
        };
        // rounded so 3 × 0.7 is 2.1, as a reader of the thresholds expects, not 2.0999999999999996
        double score = Math.round(weight * confidence * 1e9) / 1e9;
        if (score >= CRITICAL_AT) {
            return Priority.CRITICAL;
        }
        if (score >= HIGH_AT) {
            return Priority.HIGH;
        }
        return score >= MEDIUM_AT ? Priority.MEDIUM : Priority.LOW;
    }

    /**
     * The ranked, deduplicated recommendations for {@code findings}.
     *
     * @param findings the analysis's findings (any order)
     * @param history the analysed window: rules read the settings in force from it (the current {@code maxmemory}, a
     *     batcher's linger) and where an application's agent listens ({@code pacer_agent_info})
     */
    public List<Recommendation> recommend(List<Finding> findings, History history) {
        return recommend(findings, AnalysisContext.of(history));
    }

    /**
     * The ranked, deduplicated recommendations for {@code findings}, with PostgreSQL actions targeting the context's
     * configured servers (their user and options kept, never their password).
     */
    public List<Recommendation> recommend(List<Finding> findings, AnalysisContext context) {
        Facts facts = new Facts(context.history(), context.postgres());
        Map<String, Merged> byId = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.level() == Level.INFO) {
                continue;
            }
            Draft draft = rules.getOrDefault(f.kind(), RecommendationCatalogue::generic)
                    .advise(f, facts);
            if (draft == null) {
                continue;
            }
            Priority p = priority(f.level(), f.confidence());
            byId.merge(draft.id(), new Merged(draft, p, f.confidence(), List.of(f.id())), Merged::with);
        }
        List<Merged> merged = new ArrayList<>(byId.values());
        merged.sort(Comparator.comparing((Merged m) -> m.priority)
                .reversed()
                .thenComparing(m -> -m.confidence)
                .thenComparing(m -> m.draft.action() == null)
                .thenComparing(m -> m.draft.id()));
        return merged.stream().map(Merged::recommendation).toList();
    }

    /** A kind no rule knows (a detector newer than the catalogue): look at the evidence. */
    private static Draft generic(Finding f, Facts facts) {
        String category = switch (f.category()) {
            case SYSTEM -> SystemAdvice.SYSTEM;
            case INTEGRATION -> "integration";
            case DATABASE -> DatabaseAdvice.DATABASE;
        };
        return new Draft(
                category,
                "investigation",
                Map.of("finding", f.id()),
                SystemAdvice.describe(f, "look at its evidence"),
                List.of("Plot the evidence series over the window and find what changed when it began"),
                "Expect the finding to clear once its cause is fixed",
                Effort.MEDIUM,
                null);
    }

    /** One recommendation being built: the strongest finding's draft, the highest priority, every finding id. */
    private record Merged(Draft draft, Priority priority, double confidence, List<String> findings) {

        Merged with(Merged other) {
            boolean mine = priority.compareTo(other.priority) > 0
                    || (priority == other.priority && confidence >= other.confidence);
            Merged strong = mine ? this : other;
            Merged weak = mine ? other : this;
            Draft draft = strong.draft.action() == null && weak.draft.action() != null ? weak.draft : strong.draft;
            List<String> ids = new ArrayList<>(findings);
            other.findings.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
            return new Merged(draft, strong.priority, strong.confidence, ids);
        }

        Recommendation recommendation() {
            return new Recommendation(
                    draft.id(),
                    draft.category(),
                    draft.type(),
                    priority,
                    draft.description(),
                    draft.actions(),
                    draft.expectedImpact(),
                    draft.effort(),
                    findings,
                    draft.action());
        }
    }
}
