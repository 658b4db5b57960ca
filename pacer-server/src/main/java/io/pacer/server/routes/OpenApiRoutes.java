package io.pacer.server.routes;

import io.pacer.server.Role;
import io.pacer.server.http.Api;
import io.pacer.server.http.OpenApi;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteGroup;

/** {@code GET /openapi.json}: the OpenAPI 3.1 document of every route registered, generated when asked. */
public final class OpenApiRoutes implements RouteGroup {

    @Override
    public void register(Api api) {
        String version = OpenApiRoutes.class.getPackage().getImplementationVersion();
        api.get(
                "/openapi.json",
                Role.PUBLIC,
                RouteDoc.of("meta", "This document: the OpenAPI 3.1 description of every route", "200: the document"),
                ctx -> ctx.json(OpenApi.document(api.routes(), version == null ? "dev" : version)));
    }
}
