package io.pacer.verdict.readiness;

import java.util.List;

/**
 * A client properties file that cannot be used: unreadable, a malformed escape, or values the Kafka client would
 * refuse by type. The message is one line, starting with the file (and line where there is one); {@link #problems()}
 * has every problem found, each with its file and line.
 */
public final class ClientConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    ClientConfigException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, one line each ({@code producer.properties:4: Invalid value abc for configuration …}). */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return problems.get(0) + " (and " + (problems.size() - 1) + " more problem" + (problems.size() == 2 ? "" : "s")
                + " in the same file)";
    }
}
