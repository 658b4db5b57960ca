package io.pacer.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.pacer.internal.Json;
import io.pacer.server.Role;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON object request body read strictly: a field the route does not know is an error naming the known ones (a
 * mistyped {@code pasword} must not silently create a user without a password), and every field is checked for its
 * type with a message naming it. Public for the other route groups' bodies (the analysis and optimisation routes).
 */
public final class Body {

    private final JsonNode node;

    private Body(JsonNode node) {
        this.node = node;
    }

    /**
     * The request's body, which must be a JSON object of {@code known} fields only.
     *
     * @throws ApiException 400 for a body that is not a JSON object or has a field not in {@code known}
     */
    public static Body of(Context ctx, Set<String> known) {
        JsonNode node;
        try {
            node = Json.documentReader().readTree(ctx.bodyAsBytes());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ApiException.invalid(
                    "body", "must be a JSON object, but could not be read: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.invalid("body", "must be a JSON object, but could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object with the fields " + known);
        }
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                unknown.add(new Problem.FieldError(field, "is not a known field; the known ones are " + known));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalid(unknown);
        }
        return new Body(node);
    }

    /** A string field; null when absent (or JSON null) and not {@code required}. */
    public String text(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.invalid(field, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(
                    field, "must be a string, but was " + v.getNodeType().name().toLowerCase());
        }
        return v.asText();
    }

    /** A whole number field in {@code [min, max]}; null when absent. */
    public Long number(String field, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw ApiException.invalid(field, "must be a whole number in [" + min + ", " + max + "], but was " + v);
        }
        return v.asLong();
    }

    /** A boolean field; {@code otherwise} when absent (or JSON null). */
    public boolean flag(String field, boolean otherwise) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            throw ApiException.invalid(
                    field,
                    "must be true or false, but was " + v.getNodeType().name().toLowerCase());
        }
        return v.asBoolean();
    }

    /** The field's JSON as given, for shapes the typed readers do not cover; null when absent. */
    public JsonNode node(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /** Whether the body has {@code field} (not JSON null). */
    public boolean has(String field) {
        return node(field) != null;
    }

    /** A role field (viewer, operator or admin); null when absent and not {@code required}. */
    Role role(String field, boolean required) {
        String label = text(field, required);
        if (label == null) {
            return null;
        }
        return switch (label) {
            case "viewer" -> Role.VIEWER;
            case "operator" -> Role.OPERATOR;
            case "admin" -> Role.ADMIN;
            default -> throw ApiException.invalid(field, "must be viewer, operator or admin, but was '" + label + "'");
        };
    }

    /** A password field: 12 to 1024 characters. */
    String password(String field, boolean required) {
        String p = text(field, required);
        if (p != null && (p.length() < Accounts.MIN_PASSWORD || p.length() > Accounts.MAX_PASSWORD)) {
            throw ApiException.invalid(
                    field,
                    "must be " + Accounts.MIN_PASSWORD + " to " + Accounts.MAX_PASSWORD + " characters, but had "
                            + p.length());
        }
        return p;
    }

    static String userName(String field, String name) {
        if (name == null || !Accounts.USER_NAME.matcher(name).matches()) {
            throw ApiException.invalid(
                    field,
                    "must be 1 to 64 letters, digits, '.', '_', '@' or '-', but was "
                            + (name == null ? "missing" : "'" + abbreviate(name) + "'"));
        }
        return name;
    }

    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
