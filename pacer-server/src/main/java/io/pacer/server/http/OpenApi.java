package io.pacer.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.internal.Json;
import io.pacer.server.Role;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of the service, generated from the routes registered in the {@link Api} — the same list
 * Javalin was given — so no route is undocumented and no documented route is missing. Each operation names the role
 * it requires ({@value #ROLE_EXTENSION}), its parameters, body and responses; every error response is the
 * {@link Problem} schema.
 */
public final class OpenApi {

    /** The operation extension naming the least role that may call it. */
    public static final String ROLE_EXTENSION = "x-pacer-role";
    /** The session cookie the dashboard signs in with. */
    public static final String SESSION_COOKIE = "pacer_session";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern STATUS = Pattern.compile("^(\\d{3}):\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    private OpenApi() {}

    /** The document for {@code routes}. */
    public static ObjectNode document(List<ApiRoute> routes, String version) {
        ObjectNode doc = F.objectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info")
                .put("title", "Pacer service")
                .put("version", version)
                .put(
                        "description",
                        "pacer serve: monitoring history, health, alerts, targets, Kafka lag and live events."
                                + " Errors are RFC 9457 problem details (application/problem+json).");
        Set<String> tags = new LinkedHashSet<>();
        ObjectNode paths = doc.putObject("paths");
        for (ApiRoute route : routes) {
            tags.add(route.doc().tag());
            ObjectNode item =
                    paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            item.set(route.method().name().toLowerCase(Locale.ROOT), operation(route));
        }
        ArrayNode tagList = doc.putArray("tags");
        tags.forEach(t -> tagList.addObject().put("name", t));
        ObjectNode components = doc.putObject("components");
        components.putObject("schemas").set("Problem", problemSchema());
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearerKey")
                .put("type", "http")
                .put("scheme", "bearer")
                .put("description", "An API key: Authorization: Bearer KEY");
        schemes.putObject("sessionCookie")
                .put("type", "apiKey")
                .put("in", "cookie")
                .put("name", SESSION_COOKIE)
                .put("description", "The dashboard's session (POST /api/session); mutations also need the CSRF token");
        return doc;
    }

    private static ObjectNode operation(ApiRoute route) {
        RouteDoc doc = route.doc();
        ObjectNode op = F.objectNode();
        op.put("operationId", operationId(route));
        op.put("summary", doc.summary());
        op.putArray("tags").add(doc.tag());
        op.put(ROLE_EXTENSION, route.role().label());
        ArrayNode security = op.putArray("security");
        if (route.role() != Role.PUBLIC) {
            security.addObject().putArray("bearerKey");
            security.addObject().putArray("sessionCookie");
        }
        ArrayNode params = F.arrayNode();
        Set<String> named = new LinkedHashSet<>();
        for (RouteDoc.Param p : doc.parameters()) {
            named.add(p.name());
            params.add(parameter(p.name(), p.in(), p.required(), p.type(), p.description()));
        }
        Matcher m = PATH_PARAM.matcher(route.path());
        while (m.find()) {
            if (!named.contains(m.group(1))) {
                params.add(parameter(m.group(1), "path", true, "string", m.group(1)));
            }
        }
        if (!params.isEmpty()) {
            op.set("parameters", params);
        }
        if (doc.requestBody() != null) {
            ObjectNode body = op.putObject("requestBody");
            body.put("required", true);
            body.putObject("content").putObject("application/json").set("schema", parse(doc.requestBody()));
        }
        ObjectNode responses = op.putObject("responses");
        Matcher status = STATUS.matcher(doc.response());
        String code = status.matches() ? status.group(1) : "200";
        ObjectNode ok =
                responses.putObject(code).put("description", status.matches() ? status.group(2) : doc.response());
        if (route.eventStream()) {
            ok.putObject("content")
                    .putObject("text/event-stream")
                    .putObject("schema")
                    .put("type", "string");
        }
        if (!params.isEmpty() || doc.requestBody() != null) {
            responses.set("400", problem("The request is invalid; errors name each wrong field"));
        }
        if (route.role() != Role.PUBLIC) {
            responses.set("401", problem("No or bad credentials"));
            responses.set(
                    "403", problem("The caller's role is below " + route.role().label()));
        }
        if (route.path().contains("{")) {
            responses.set("404", problem("No such resource"));
        }
        responses.set("429", problem("Rate limit spent; retry after the Retry-After header"));
        responses.set("default", problem("Any other error, e.g. 503 while the store is down"));
        return op;
    }

    private static ObjectNode parameter(String name, String in, boolean required, String type, String description) {
        ObjectNode p = F.objectNode();
        p.put("name", name).put("in", in).put("required", required).put("description", description);
        p.putObject("schema").put("type", type);
        return p;
    }

    private static ObjectNode problem(String description) {
        ObjectNode r = F.objectNode().put("description", description);
        r.putObject("content")
                .putObject(Problem.MEDIA_TYPE)
                .putObject("schema")
                .put("$ref", "#/components/schemas/Problem");
        return r;
    }

    private static ObjectNode problemSchema() {
        ObjectNode s = F.objectNode().put("type", "object");
        s.put("description", "RFC 9457 problem details, with the request's correlation id and the wrong fields");
        s.putArray("required").add("type").add("title").add("status");
        ObjectNode p = s.putObject("properties");
        p.putObject("type").put("type", "string").put("format", "uri-reference");
        p.putObject("title").put("type", "string");
        p.putObject("status").put("type", "integer");
        p.putObject("detail").put("type", "string");
        p.putObject("instance").put("type", "string");
        p.putObject("correlationId").put("type", "string");
        ObjectNode item =
                p.putObject("errors").put("type", "array").putObject("items").put("type", "object");
        item.putArray("required").add("field").add("message");
        ObjectNode fields = item.putObject("properties");
        fields.putObject("field").put("type", "string");
        fields.putObject("message").put("type", "string");
        return s;
    }

    private static String operationId(ApiRoute route) {
        StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
        for (String part : route.path().split("[/.{}_-]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }

    private static JsonNode parse(String schema) {
        try {
            return Json.documentReader().readTree(schema);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a route's request body schema is not JSON: " + schema, e);
        }
    }
}
