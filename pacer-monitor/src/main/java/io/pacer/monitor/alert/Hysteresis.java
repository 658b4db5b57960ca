package io.pacer.monitor.alert;

import io.pacer.internal.Check;

/**
 * How far past its threshold a firing alert's value must come back before the alert steps down, so that a value
 * hovering at the threshold does not fire and resolve on every sample. Either a fraction of the threshold
 * ({@code 5%}: a CPU alert at 0.90 clears below 0.855) or an absolute amount in the metric's unit ({@code 0.02}: it
 * clears below 0.88). Zero clears as soon as the value is back inside the threshold.
 *
 * @param amount the fraction (0.05 for 5 %) or the absolute amount; {@code >= 0}
 * @param relative whether {@code amount} is a fraction of the threshold
 */
public record Hysteresis(double amount, boolean relative) {

    /** 5 % of the threshold: enough to absorb sampling noise, small enough to resolve promptly. */
    public static final Hysteresis DEFAULT = new Hysteresis(0.05, true);

    /** None: an alert clears as soon as the value is back inside the threshold. */
    public static final Hysteresis NONE = new Hysteresis(0, false);

    public Hysteresis {
        if (relative) {
            Check.range("hysteresis", amount, 0, 1);
        } else {
            Check.that(amount >= 0 && Double.isFinite(amount), "hysteresis", ">= 0", amount);
        }
    }

    /**
     * Reads {@code 5%} (a fraction of the threshold) or {@code 0.02} (an absolute amount).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Hysteresis parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            if (t.endsWith("%")) {
                return new Hysteresis(
                        Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100, true);
            }
            return new Hysteresis(Double.parseDouble(t), false);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "hysteresis must be a percentage of the threshold (5%) or an absolute amount (0.02), but was '"
                            + text + "'");
        }
    }

    /** The level a value must come back past for an alert at {@code threshold} to step down. */
    public double clearLevel(double threshold, Direction direction) {
        double margin = relative ? Math.abs(threshold) * amount : amount;
        return direction == Direction.ABOVE ? threshold - margin : threshold + margin;
    }

    @Override
    public String toString() {
        return relative ? Texts.number(amount * 100) + "%" : Texts.number(amount);
    }
}
