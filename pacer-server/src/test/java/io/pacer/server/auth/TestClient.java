package io.pacer.server.auth;

import static io.pacer.server.auth.TestServer.ADMIN_KEY;
import static io.pacer.server.auth.TestServer.expect;
import static io.pacer.server.auth.TestServer.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to a service at a base URI, as an API client or a browser sends them. */
final class TestClient {

    private final URI base;
    private final HttpClient client;

    TestClient(URI base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    TestClient(int port, HttpClient client) {
        this(URI.create("http://127.0.0.1:" + port), client);
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    HttpResponse<String> send(String method, String path, String key, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return send(b);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a user with {@code role} (and a password when given) and returns a new key of theirs with that role. */
    String userWithKey(String name, String role, String password) {
        String pw = password == null ? "" : ",\"password\":\"" + password + "\"";
        expect(
                201,
                send(
                        "POST",
                        "/api/users",
                        ADMIN_KEY,
                        "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"" + pw + "}"));
        HttpResponse<String> key = expect(
                201,
                send(
                        "POST",
                        "/api/keys",
                        ADMIN_KEY,
                        "{\"user\":\"" + name + "\",\"name\":\"test\",\"role\":\"" + role + "\"}"));
        return json(key).path("key").asText();
    }
}
