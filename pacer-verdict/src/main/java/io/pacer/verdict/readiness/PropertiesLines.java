package io.pacer.verdict.readiness;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .properties} text split into its entries with the line each starts on, by the rules of
 * {@link java.util.Properties#load(java.io.Reader)}: comment lines start with {@code #} or {@code !}; a line ending in
 * an odd number of backslashes continues on the next, whose leading blanks are dropped; the key ends at the first
 * unescaped {@code =}, {@code :} or blank; escapes {@code \t \n \r \f \\uXXXX} are decoded and any other
 * {@code \c} is {@code c}. Kafka's tools read the same way, so a key here is the key the client will see.
 */
final class PropertiesLines {

    /**
     * One logical line's entry.
     *
     * @param key the decoded key
     * @param value the decoded value, untrimmed (the client trims only some types)
     * @param line the 1-based line the entry starts on
     */
    record Line(String key, String value, int line) {}

    /** A malformed escape, with the line it is on. */
    static final class MalformedException extends Exception {
        final int line;

        MalformedException(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    private PropertiesLines() {}

    /** Every entry of {@code text} in file order; a key set twice appears twice (the last one wins in a map). */
    static List<Line> parse(String text) throws MalformedException {
        List<String> natural = naturalLines(text);
        List<Line> entries = new ArrayList<>();
        int i = 0;
        while (i < natural.size()) {
            String first = stripLeading(natural.get(i));
            int start = i + 1;
            i++;
            if (first.isEmpty() || first.charAt(0) == '#' || first.charAt(0) == '!') {
                continue;
            }
            StringBuilder logical = new StringBuilder(first);
            boolean cutByEnd = false;
            while (endsWithOddBackslashes(logical)) {
                logical.setLength(logical.length() - 1);
                if (i >= natural.size()) {
                    // Properties keeps even an empty line when the text ends right after its backslash or the one
                    // character ending that line; after a \r\n it reads on, finds nothing, and keeps nothing
                    cutByEnd = !text.endsWith("\r\n");
                    break;
                }
                String next = stripLeading(natural.get(i));
                i++;
                if (logical.length() == 0 && !next.isEmpty() && (next.charAt(0) == '#' || next.charAt(0) == '!')) {
                    break; // nothing before it on this logical line: Properties takes it for a comment
                }
                logical.append(next);
            }
            if (logical.length() > 0 || cutByEnd) {
                entries.add(entry(logical.toString(), start));
            }
        }
        return entries;
    }

    /** The lines as {@code \n}, {@code \r} or {@code \r\n} end them. */
    private static List<String> naturalLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }

    private static String stripLeading(String line) {
        int i = 0;
        while (i < line.length() && blank(line.charAt(i))) {
            i++;
        }
        return line.substring(i);
    }

    private static boolean endsWithOddBackslashes(CharSequence s) {
        int count = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }

    private static Line entry(String line, int number) throws MalformedException {
        int limit = line.length();
        int keyLength = 0;
        int valueStart = limit;
        boolean hasSeparator = false;
        boolean precedingBackslash = false;
        while (keyLength < limit) {
            char c = line.charAt(keyLength);
            if ((c == '=' || c == ':') && !precedingBackslash) {
                valueStart = keyLength + 1;
                hasSeparator = true;
                break;
            } else if (blank(c) && !precedingBackslash) {
                valueStart = keyLength + 1;
                break;
            }
            precedingBackslash = c == '\\' && !precedingBackslash;
            keyLength++;
        }
        while (valueStart < limit) {
            char c = line.charAt(valueStart);
            if (!blank(c)) {
                if (!hasSeparator && (c == '=' || c == ':')) {
                    hasSeparator = true;
                } else {
                    break;
                }
            }
            valueStart++;
        }
        return new Line(decode(line, 0, keyLength, number), decode(line, valueStart, limit, number), number);
    }

    /** A hexadecimal digit's value, ASCII only as {@code Properties} reads them; -1 for any other character. */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String decode(String s, int from, int to, int line) throws MalformedException {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = s.charAt(i++);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= to) {
                break;
            }
            c = s.charAt(i++);
            if (c == 'u') {
                if (i + 4 > to) {
                    throw new MalformedException(line, "malformed \\uxxxx escape");
                }
                int code = 0;
                for (int k = 0; k < 4; k++) {
                    int digit = hex(s.charAt(i++));
                    if (digit < 0) {
                        throw new MalformedException(line, "malformed \\uxxxx escape");
                    }
                    code = code * 16 + digit;
                }
                out.append((char) code);
            } else {
                out.append(
                        switch (c) {
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            case 'n' -> '\n';
                            case 'f' -> '\f';
                            default -> c;
                        });
            }
        }
        return out.toString();
    }
}
