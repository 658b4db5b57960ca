package io.pacer.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.PacerServer;
import io.pacer.server.SecurityConfig;
import io.pacer.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A real service with authentication on, over SQLite in a temporary directory, and a client for it. */
final class TestServer implements AutoCloseable {

    /** The admin key every test server is created with (a fixed, valid key: these are throw-away databases). */
    static final String ADMIN_KEY = "pacer_" + "A".repeat(20) + "b".repeat(23);

    final PacerServer server;
    final HttpClient client;

    private TestServer(PacerServer server, HttpClient client) {
        this.server = server;
        this.client = client;
    }

    static TestServer start(Path dir) {
        return start(dir, SecurityConfig.DEFAULTS);
    }

    static TestServer start(Path dir, SecurityConfig security) {
        return start(config(dir, security), HttpClient.newHttpClient());
    }

    static TestServer start(ServerConfig config) {
        return start(config, HttpClient.newHttpClient());
    }

    static TestServer start(ServerConfig config, HttpClient client) {
        return new TestServer(PacerServer.start(config), client);
    }

    /** Authentication on, over SQLite in {@code dir}, with {@link #ADMIN_KEY} as the first admin key unless set. */
    static ServerConfig config(Path dir, SecurityConfig security) {
        return new ServerConfig("127.0.0.1", 0, dir, StoreConfig.sqlite(dir), false, null)
                .withSecurity(security.adminKey() == null ? security.withAdminKey(ADMIN_KEY) : security);
    }

    URI uri(String path) {
        return http().uri(path);
    }

    HttpResponse<String> send(String method, String path, String key, String body) {
        return http().send(method, path, key, body);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return http().send(request);
    }

    String userWithKey(String name, String role, String password) {
        return http().userWithKey(name, role, password);
    }

    private TestClient http() {
        return new TestClient(server.uri(), client);
    }

    static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError(
                    "expected " + status + " but got " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.documentReader().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
