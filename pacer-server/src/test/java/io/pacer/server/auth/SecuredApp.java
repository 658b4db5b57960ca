package io.pacer.server.auth;

import com.fasterxml.jackson.core.JsonFactory;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.pacer.internal.Json;
import io.pacer.server.Role;
import io.pacer.server.ServerConfig;
import io.pacer.server.http.Api;
import io.pacer.server.http.ProblemResponses;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.state.ServerDatabase;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;

/**
 * The security layer in a Javalin app wired as {@code PacerServer} wires it, with the account routes and a test-only
 * route group beside them: a public {@code /metrics}, a viewer read, an operator change, a handler that fails, and a
 * route registered on Javalin directly (without a role). Time comes from the given clock.
 */
final class SecuredApp implements AutoCloseable {

    final Javalin http;
    final TestClient client;
    private final ServerDatabase database;

    private SecuredApp(Javalin http, ServerDatabase database, TestClient client) {
        this.http = http;
        this.database = database;
        this.client = client;
    }

    static SecuredApp start(ServerConfig config, Clock clock) {
        ServerDatabase database = ServerDatabase.open(config.store());
        Api api = new Api();
        new AuthRoutes(config, clock, database).register(api);
        RouteDoc doc = RouteDoc.of("test", "a test route", "200");
        api.get("/metrics", Role.PUBLIC, doc, ctx -> ctx.result("pacer_up 1\n"))
                .get("/api/test/read", Role.VIEWER, doc, ctx -> ctx.result("read"))
                .post("/api/test/change", Role.OPERATOR, doc, ctx -> ctx.status(204))
                .post("/api/test/fail", Role.OPERATOR, doc, ctx -> {
                    throw new IllegalStateException("a handler failed on purpose");
                });
        Javalin http = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(Json.mapper(new JsonFactory()), false));
            c.startup.showJavalinBanner = false;
            ProblemResponses.install(c.routes);
            Security.install(c, config, clock, database, new PrintStream(OutputStream.nullOutputStream()));
            api.installInto(c.routes);
            c.routes.get("/api/test/unregistered", ctx -> ctx.result("registered without a role"));
        });
        http.start(config.host(), config.port());
        return new SecuredApp(http, database, new TestClient(http.port(), HttpClient.newHttpClient()));
    }

    @Override
    public void close() {
        try {
            http.stop();
        } finally {
            database.close();
        }
    }
}
