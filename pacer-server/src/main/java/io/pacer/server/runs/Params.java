package io.pacer.server.runs;

import io.javalin.http.Context;
import io.pacer.server.http.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query and path parameters read with a 400 problem naming the parameter when they do not fit. */
final class Params {

    private Params() {}

    /** The integer query parameter {@code name}, {@code absent} when not given, within [min, max]. */
    static long integer(Context ctx, String name, long absent, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return absent;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be an integer, but was '" + text + "'");
        }
        if (value < min || value > max) {
            throw ApiException.invalid(name, "must be between " + min + " and " + max + ", but was " + value);
        }
        return value;
    }

    /** The number query parameter {@code name}, {@code absent} when not given, within [min, max]. */
    static double number(Context ctx, String name, double absent, double min, double max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return absent;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be a number, but was '" + text + "'");
        }
        if (!(value >= min && value <= max)) {
            throw ApiException.invalid(name, "must be between " + min + " and " + max + ", but was " + text);
        }
        return value;
    }

    /** The path parameter {@code id}: a run's id. */
    static long pathId(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid("id", "must be a run's id (a positive integer), but was '" + text + "'");
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
