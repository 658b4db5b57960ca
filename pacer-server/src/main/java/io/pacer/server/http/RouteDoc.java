package io.pacer.server.http;

import java.util.List;
import java.util.Objects;

/**
 * What the OpenAPI document says about one route. Every route is registered through {@link Api} with its doc, so the
 * document is generated from the routes actually registered and can never miss one.
 *
 * @param summary one line: what the route does
 * @param tag the group it is listed under ({@code alerts}, {@code runs}, …)
 * @param parameters the query and path parameters it reads
 * @param requestBody the request body's JSON schema as a JSON string, or null when the route takes none
 * @param response the success response's description (status and what the body holds)
 */
public record RouteDoc(String summary, String tag, List<Param> parameters, String requestBody, String response) {

    public RouteDoc {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(tag, "tag");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(response, "response");
    }

    /** A route with no parameters and no body. */
    public static RouteDoc of(String tag, String summary, String response) {
        return new RouteDoc(summary, tag, List.of(), null, response);
    }

    public RouteDoc withParameters(Param... params) {
        return new RouteDoc(summary, tag, List.of(params), requestBody, response);
    }

    public RouteDoc withBody(String jsonSchema) {
        return new RouteDoc(summary, tag, parameters, jsonSchema, response);
    }

    /**
     * One parameter.
     *
     * @param name as the client writes it
     * @param in {@code query} or {@code path}
     * @param type its JSON schema type ({@code string}, {@code integer}, {@code number}, {@code boolean})
     * @param required whether it must be given
     * @param description what it means, its unit and default
     */
    public record Param(String name, String in, String type, boolean required, String description) {

        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(description, "description");
        }

        public static Param query(String name, String type, String description) {
            return new Param(name, "query", type, false, description);
        }

        public static Param path(String name, String description) {
            return new Param(name, "path", "string", true, description);
        }
    }
}
