package io.pacer.monitor.collect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4) and of OpenMetrics 1.0 text: what a
 * {@code /metrics} endpoint answers. Java has no maintained parser for it (the Prometheus Java client only writes it),
 * hence this one.
 *
 * <p>Strict, because a scrape of something that is not an exposition must fail loudly rather than yield a few odd
 * series: any line that is not a comment, a {@code HELP}/{@code TYPE}/{@code UNIT} line, an empty line or a
 * well-formed sample is an error naming the line number and showing the line; so is a repeated series, a second
 * {@code TYPE} for one family, a {@code TYPE} after the family's samples, an unknown type, a bad escape in a label
 * value, a value that is not a Go-style float ({@code 1.5e3}, {@code NaN}, {@code +Inf}), and — in OpenMetrics —
 * anything after {@code # EOF} or a missing {@code # EOF}. Exemplars ({@code # {...} value}) are read past and
 * dropped. Timestamps are milliseconds in the Prometheus format and seconds in OpenMetrics; both come back as ms.
 *
 * <p>Metric names in UTF-8 quotes (Prometheus 3's {@code {"my.metric"}}) are not accepted.
 */
final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FLOAT =
            Pattern.compile("[+-]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|[Ii]nf|Inf|NaN|nan)");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Set<String> TYPES = Set.of(
            "counter", "gauge", "histogram", "summary", "untyped", "unknown", "info", "stateset", "gaugehistogram");

    /** One parsed sample; {@code timestampMillis} null when the line carries none. */
    record Parsed(String name, Map<String, String> labels, double value, Long timestampMillis) {}

    private PrometheusText() {}

    /**
     * Parses a whole exposition.
     *
     * @param openMetrics whether the body is OpenMetrics text (the response's {@code Content-Type} says so)
     * @throws IllegalArgumentException naming the line and showing it when the body is not a well-formed exposition
     */
    static List<Parsed> parse(String body, boolean openMetrics) {
        List<Parsed> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        Set<String> familiesSeen = new HashSet<>();
        Set<String> series = new HashSet<>();
        String[] lines = body.split("\n", -1);
        boolean eof = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            int number = i + 1;
            if (eof) {
                if (!line.isEmpty() || i != lines.length - 1) {
                    throw error(number, "nothing may follow # EOF", line);
                }
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                eof = comment(line, number, types, familiesSeen, openMetrics);
                continue;
            }
            Parsed sample = new Line(line, number, openMetrics).sample();
            familiesSeen.add(family(sample.name(), types));
            if (!series.add(sample.name() + sample.labels())) {
                throw error(number, "the series " + sample.name() + sample.labels() + " appears twice", line);
            }
            samples.add(sample);
        }
        if (openMetrics && !eof) {
            throw error(lines.length, "an OpenMetrics exposition must end with # EOF", lines[lines.length - 1]);
        }
        return samples;
    }

    /** {@code true} for {@code # EOF}. */
    private static boolean comment(
            String line, int number, Map<String, String> types, Set<String> seen, boolean openMetrics) {
        String[] words = line.split("[ \\t]+", 4);
        if (openMetrics && line.equals("# EOF")) {
            return true;
        }
        if (words.length < 2 || !words[0].equals("#")) {
            return false;
        }
        String keyword = words[1];
        if (!keyword.equals("HELP") && !keyword.equals("TYPE") && !keyword.equals("UNIT")) {
            return false; // a plain comment
        }
        if (words.length < 3 || !METRIC_NAME.matcher(words[2]).matches()) {
            throw error(number, "# " + keyword + " must name a metric", line);
        }
        if (keyword.equals("TYPE")) {
            String type = words.length > 3 ? words[3].strip() : "";
            if (!TYPES.contains(type)) {
                throw error(number, "unknown type '" + type + "' (counter, gauge, histogram, summary, untyped)", line);
            }
            if (types.containsKey(words[2])) {
                throw error(number, "a second # TYPE for " + words[2], line);
            }
            if (seen.contains(words[2])) {
                throw error(number, "# TYPE for " + words[2] + " after its samples", line);
            }
            types.put(words[2], type);
        }
        return false;
    }

    /** The family a sample belongs to: its name less a histogram's or summary's suffix. */
    private static String family(String name, Map<String, String> types) {
        for (String suffix : new String[] {"_bucket", "_count", "_sum", "_total", "_created", "_gcount", "_gsum"}) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return name;
    }

    private static IllegalArgumentException error(int line, String what, String text) {
        return new IllegalArgumentException("line " + line + ": " + what + ": " + Failures.excerpt(text));
    }

    /** A cursor over one sample line. */
    private static final class Line {
        private final String text;
        private final int number;
        private final boolean openMetrics;
        private int at;

        Line(String text, int number, boolean openMetrics) {
            this.text = text;
            this.number = number;
            this.openMetrics = openMetrics;
        }

        Parsed sample() {
            String name = token(METRIC_NAME, "a metric name");
            int afterName = at;
            spaces(false);
            Map<String, String> labels = Map.of();
            if (at < text.length() && text.charAt(at) == '{') {
                labels = labels();
                spaces(true);
            } else if (at == afterName) {
                throw error(number, "expected a space and a value at column " + (at + 1), text);
            }
            String valueText = word();
            if (!FLOAT.matcher(valueText).matches()) {
                throw error(number, "'" + valueText + "' is not a number", text);
            }
            double value = number(valueText);
            Long timestamp = null;
            spaces(false);
            if (at < text.length() && text.charAt(at) != '#') {
                timestamp = timestamp(word());
                spaces(false);
            }
            if (at < text.length() && !(openMetrics && text.startsWith("# {", at))) {
                throw error(number, "unexpected text after the value", text);
            }
            return new Parsed(name, labels, value, timestamp);
        }

        private Long timestamp(String word) {
            if (!openMetrics) {
                if (!INTEGER.matcher(word).matches()) {
                    throw error(number, "'" + word + "' is not a timestamp in ms", text);
                }
                return Long.parseLong(word);
            }
            if (!FLOAT.matcher(word).matches() || !Double.isFinite(number(word))) {
                throw error(number, "'" + word + "' is not a timestamp in seconds", text);
            }
            return Math.round(number(word) * 1000);
        }

        private Map<String, String> labels() {
            at++; // {
            Map<String, String> labels = new LinkedHashMap<>();
            spaces(false);
            while (at < text.length() && text.charAt(at) != '}') {
                String label = token(LABEL_NAME, "a label name");
                spaces(false);
                expect('=');
                spaces(false);
                expect('"');
                if (labels.put(label, quoted()) != null) {
                    throw error(number, "label " + label + " appears twice", text);
                }
                spaces(false);
                if (at < text.length() && text.charAt(at) == ',') {
                    at++;
                    spaces(false);
                } else if (at < text.length() && text.charAt(at) != '}') {
                    throw error(number, "expected ',' or '}' at column " + (at + 1), text);
                }
            }
            expect('}');
            return labels;
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    char escaped = at < text.length() ? text.charAt(at++) : ' ';
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw error(number, "bad escape '\\" + escaped + "' in a label value", text);
                    }
                } else {
                    value.append(c);
                }
            }
            throw error(number, "a label value is not closed by '\"'", text);
        }

        private String token(Pattern pattern, String what) {
            int start = at;
            while (at < text.length() && " \t{}=,\"".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            String token = text.substring(start, at);
            if (!pattern.matcher(token).matches()) {
                throw error(number, "expected " + what + " at column " + (start + 1), text);
            }
            return token;
        }

        private String word() {
            int start = at;
            while (at < text.length() && text.charAt(at) != ' ' && text.charAt(at) != '\t') {
                at++;
            }
            if (start == at) {
                throw error(number, "expected a value at column " + (start + 1), text);
            }
            return text.substring(start, at);
        }

        private void spaces(boolean required) {
            int start = at;
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
            if (required && start == at) {
                throw error(number, "expected a space and a value at column " + (at + 1), text);
            }
        }

        private void expect(char c) {
            if (at >= text.length() || text.charAt(at) != c) {
                throw error(number, "expected '" + c + "' at column " + (at + 1), text);
            }
            at++;
        }
    }

    private static double number(String text) {
        String t = text.startsWith("+") ? text.substring(1) : text;
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(t);
        };
    }
}
