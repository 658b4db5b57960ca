package io.pacer.monitor.collect;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/**
 * Reasons as people read them: the exception chain in one line, and a printable sample of a garbage answer. Public so
 * that the service words a target test's failure as the runner words a collection's.
 */
public final class Failures {

    /** How much of a garbage answer a reason shows. */
    static final int EXCERPT_CHARS = 120;

    private Failures() {}

    /** {@code ConnectException: Connection refused}, with distinct causes appended after {@code <-}. */
    public static String reason(Throwable error) {
        Throwable e = error instanceof ExecutionException && error.getCause() != null ? error.getCause() : error;
        StringBuilder reason = new StringBuilder(describe(e));
        String last = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && (last == null || !last.contains(message))) {
                reason.append(" <- ").append(describe(cause));
                last = message;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return reason.toString();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    /** The first {@value #EXCERPT_CHARS} characters of {@code text}, quoted, control characters escaped. */
    static String excerpt(String text) {
        StringBuilder b = new StringBuilder("'");
        int n = Math.min(text.length(), EXCERPT_CHARS);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('\'');
        if (text.length() > n) {
            b.append("... (").append(text.length()).append(" chars)");
        }
        return b.toString();
    }

    /** As {@link #excerpt(String)}, for bytes read as ISO-8859-1 so that every byte shows. */
    static String excerpt(byte[] bytes, int length) {
        return excerpt(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
    }
}
