package io.pacer.server.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A request's query parameters, read and validated together: every wrong one is named in one 400 problem
 * ({@link #check}), with what was wrong and what is accepted. A parameter the route does not know is an error too, so
 * a misspelt {@code hour=24} is not silently ignored.
 */
public final class Params {

    private final Context ctx;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    private Params(Context ctx, Set<String> known, String prefix) {
        this.ctx = ctx;
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name) && (prefix == null || !name.startsWith(prefix))) {
                List<String> all = new ArrayList<>(new TreeSet<>(known));
                if (prefix != null) {
                    all.add(prefix + "NAME");
                }
                errors.add(new Problem.FieldError(
                        name,
                        all.isEmpty()
                                ? "unknown parameter; this route takes no parameters"
                                : "unknown parameter; known: " + String.join(", ", all)));
            }
        }
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (e.getValue().size() > 1) {
                errors.add(new Problem.FieldError(
                        e.getKey(), "given " + e.getValue().size() + " times; give it once"));
            }
        }
    }

    /** The parameters of a route that reads {@code known} (and any starting with {@code prefix}, if not null). */
    public static Params of(Context ctx, Set<String> known, String prefix) {
        return new Params(ctx, known, prefix);
    }

    /** A number in {@code [min, max]}; {@code fallback} when absent. */
    public double number(String name, double fallback, double min, double max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError(
                name, "must be a number from " + plain(min) + " to " + plain(max) + ", but was '" + text + "'"));
        return fallback;
    }

    /** A whole number in {@code [min, max]}; {@code fallback} when absent. */
    public int integer(String name, int fallback, int min, int max) {
        return (int) whole(name, fallback, min, max);
    }

    /** A whole number in {@code [min, max]}; {@code fallback} when absent. */
    public long whole(String name, long fallback, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError(
                name, "must be a whole number from " + min + " to " + max + ", but was '" + text + "'"));
        return fallback;
    }

    /** A text matching {@code pattern} ({@code rule} says how, for people); null when absent. */
    public String text(String name, Pattern pattern, String rule) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return null;
        }
        if (!pattern.matcher(text).matches()) {
            errors.add(new Problem.FieldError(name, "must be " + rule + ", but was '" + text + "'"));
            return null;
        }
        return text;
    }

    /** Every parameter {@code prefix}NAME=VALUE as NAME → VALUE (label matchers). */
    public Map<String, String> prefixed(String prefix) {
        Map<String, String> all = new TreeMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (name.startsWith(prefix)) {
                String key = name.substring(prefix.length());
                if (key.isEmpty()) {
                    errors.add(new Problem.FieldError(name, "needs a label name: " + prefix + "NAME=VALUE"));
                } else {
                    all.put(key, values.get(0));
                }
            }
        });
        return all;
    }

    /** Records a problem found by the route itself. */
    public void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    /**
     * @throws ApiException 400 naming every wrong parameter, when there is any
     */
    public void check() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
