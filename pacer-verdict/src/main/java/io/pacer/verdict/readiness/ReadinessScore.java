package io.pacer.verdict.readiness;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The readiness score, with every point accounted for (docs/readiness.md works an example through). Each checked
 * category starts at 100 and loses {@link #points(Severity) points} per finding — 40 for a critical, 10 for a
 * warning, none for an info — down to 0 at the lowest. The overall score is the weighted mean of the checked
 * categories' scores ({@link #weight(Category) weights} 25, 20, 20, 15, 10, 10), rounded half up; categories that
 * were not checked are listed with the reason and left out of the mean, so a run is never scored on what it did
 * not look at.
 *
 * @param overall 0 to 100
 * @param weightedSum the sum of weight × score over the checked categories
 * @param weightTotal the sum of the checked categories' weights
 * @param categories the checked categories, in {@link Category} order
 * @param notChecked the categories left out, with why
 */
public record ReadinessScore(
        int overall, long weightedSum, int weightTotal, List<CategoryScore> categories, List<NotChecked> notChecked) {

    /** What every category starts at. */
    public static final int FULL_SCORE = 100;

    public ReadinessScore {
        categories = List.copyOf(categories);
        notChecked = List.copyOf(notChecked);
    }

    /**
     * One category's score.
     *
     * @param category the category
     * @param weight its weight in the overall score
     * @param score 100 less the deductions, at least 0
     * @param deductions one per finding, in the findings' order
     * @param deducted the deductions' sum (may exceed 100; the score stops at 0)
     */
    public record CategoryScore(Category category, int weight, int score, List<Deduction> deductions, int deducted) {

        public CategoryScore {
            Objects.requireNonNull(category, "category");
            deductions = List.copyOf(deductions);
        }
    }

    /**
     * The points one finding cost.
     *
     * @param ruleId the finding's rule
     * @param severity its severity
     * @param points the points deducted for it
     */
    public record Deduction(String ruleId, Severity severity, int points) {}

    /**
     * A category the run did not check.
     *
     * @param category the category
     * @param reason why: which input was missing
     */
    public record NotChecked(Category category, String reason) {}

    /** A category's share of the overall score. */
    public static int weight(Category category) {
        return switch (category) {
            case PRODUCER -> 25;
            case CONSUMER -> 20;
            case CLUSTER -> 20;
            case SECURITY -> 15;
            case RESOURCES -> 10;
            case PERFORMANCE -> 10;
        };
    }

    /** The points a finding of this severity costs its category. */
    public static int points(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 40;
            case WARNING -> 10;
            case INFO -> 0;
        };
    }

    /**
     * The score of {@code findings} over the {@code checked} categories; every other category is listed in
     * {@code notChecked} with its reason from {@code reasons} (a category a finding names counts as checked).
     */
    public static ReadinessScore of(
            Collection<Finding> findings, Set<Category> checked, Map<Category, String> reasons) {
        Map<Category, List<Deduction>> byCategory = new EnumMap<>(Category.class);
        for (Category c : checked) {
            byCategory.put(c, new ArrayList<>());
        }
        for (Finding f : findings) {
            byCategory
                    .computeIfAbsent(f.category(), c -> new ArrayList<>())
                    .add(new Deduction(f.ruleId(), f.severity(), points(f.severity())));
        }
        List<CategoryScore> categories = new ArrayList<>();
        List<NotChecked> notChecked = new ArrayList<>();
        long weightedSum = 0;
        int weightTotal = 0;
        for (Category c : Category.values()) {
            List<Deduction> deductions = byCategory.get(c);
            if (deductions == null) {
                notChecked.add(new NotChecked(c, reasons.getOrDefault(c, "not checked")));
                continue;
            }
            int deducted = deductions.stream().mapToInt(Deduction::points).sum();
            int score = Math.max(0, FULL_SCORE - deducted);
            categories.add(new CategoryScore(c, weight(c), score, deductions, deducted));
            weightedSum += (long) weight(c) * score;
            weightTotal += weight(c);
        }
        int overall = weightTotal == 0
                ? 0
                : BigDecimal.valueOf(weightedSum)
                        .divide(BigDecimal.valueOf(weightTotal), 0, RoundingMode.HALF_UP)
                        .intValue();
        return new ReadinessScore(overall, weightedSum, weightTotal, categories, notChecked);
    }
}
