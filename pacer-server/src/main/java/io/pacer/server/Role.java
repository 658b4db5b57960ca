package io.pacer.server;

import io.javalin.security.RouteRole;

/**
 * Who may call a route. Roles are ordered: an admin may do what an operator may, an operator what a viewer may.
 * {@link #PUBLIC} routes ({@code /health}, {@code /metrics}, {@code /openapi.json}, the sign-in page) answer without
 * credentials, as health and scrape endpoints conventionally do.
 */
public enum Role implements RouteRole {
    PUBLIC,
    VIEWER,
    OPERATOR,
    ADMIN;

    /** Whether a caller holding this role may call a route that requires {@code required}. */
    public boolean covers(Role required) {
        return compareTo(required) >= 0;
    }

    /** The lower-case name used in JSON, in the OpenAPI document and on the CLI. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
