package io.pacer.verdict.report;

/**
 * Building HTML text safely: everything that came from a user or a result (scenario names, labels, URLs, error
 * messages) goes through {@link #text}, so a name like {@code <script>} shows as itself and never runs.
 */
final class Html {

    private final StringBuilder out;

    Html(int capacity) {
        out = new StringBuilder(capacity);
    }

    /** {@code value} escaped for HTML text and for quoted attribute values; null gives an empty string. */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? value : escaped.toString();
    }

    /** Appends markup written by this package (never user text). */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends {@code value} escaped. */
    Html text(String value) {
        out.append(escape(value));
        return this;
    }

    /** {@code <tag class="cls">escaped text</tag>}. */
    Html element(String tag, String cssClass, String value) {
        out.append('<').append(tag);
        if (cssClass != null) {
            out.append(" class=\"").append(cssClass).append('"');
        }
        out.append('>').append(escape(value)).append("</").append(tag).append('>');
        return this;
    }

    /** A table row of header cells. */
    Html headRow(String... cells) {
        out.append("<tr>");
        for (String cell : cells) {
            out.append("<th>").append(escape(cell)).append("</th>");
        }
        out.append("</tr>");
        return this;
    }

    /** A table row of escaped cells; a cell starting with a digit, sign or $ is right-aligned. */
    Html row(String... cells) {
        out.append("<tr>");
        for (String cell : cells) {
            cell(cell);
        }
        out.append("</tr>");
        return this;
    }

    Html cell(String value) {
        out.append(isNumeric(value) ? "<td class=\"num\">" : "<td>")
                .append(escape(value))
                .append("</td>");
        return this;
    }

    /** A key/value row of a definition table. */
    Html pair(String key, String value) {
        out.append("<tr><th scope=\"row\">")
                .append(escape(key))
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>");
        return this;
    }

    /** A pass/fail mark: ✓ in green or ✗ in red, with words for screen readers and text search. */
    Html mark(boolean passed) {
        out.append(passed ? "<span class=\"ok\">✓ pass</span>" : "<span class=\"bad\">✗ fail</span>");
        return this;
    }

    private static boolean isNumeric(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        return Character.isDigit(c) || "$+−±–<>=".indexOf(c) >= 0;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
