package io.pacer.server.http;

import io.javalin.http.HandlerType;
import io.pacer.server.Role;
import java.util.Objects;

/**
 * One registered route: method, path (Javalin syntax, {@code /api/runs/{id}}), the role it requires and its doc.
 *
 * @param method the HTTP method
 * @param path the path
 * @param role the least role that may call it
 * @param doc what the OpenAPI document says about it
 * @param eventStream whether it answers with a server-sent-events stream
 */
public record ApiRoute(HandlerType method, String path, Role role, RouteDoc doc, boolean eventStream) {

    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(doc, "doc");
    }

    /** Whether the route changes state (and so needs at least an operator, CSRF protection and an audit entry). */
    public boolean mutating() {
        return method == HandlerType.POST
                || method == HandlerType.PUT
                || method == HandlerType.PATCH
                || method == HandlerType.DELETE;
    }
}
