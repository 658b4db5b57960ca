package io.pacer.monitor.alert;

import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A rule's label matchers, compiled once: the engine checks every sample of the rule's metric against them. */
record RuleMatcher(AlertRule rule, Map<String, Predicate<String>> labels) {

    static RuleMatcher of(AlertRule rule) {
        Map<String, Predicate<String>> compiled = new java.util.HashMap<>();
        rule.labels()
                .forEach((label, matcher) -> compiled.put(
                        label,
                        matcher.startsWith("~")
                                ? Pattern.compile(matcher.substring(1)).asMatchPredicate()
                                : matcher::equals));
        return new RuleMatcher(rule, Map.copyOf(compiled));
    }

    boolean matches(Map<String, String> seriesLabels) {
        for (Map.Entry<String, Predicate<String>> m : labels.entrySet()) {
            String actual = seriesLabels.get(m.getKey());
            if (actual == null || !m.getValue().test(actual)) {
                return false;
            }
        }
        return true;
    }
}
