package io.pacer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A JSON client of a running {@code pacer serve}, as the CLI's service commands use it: every answer that is not a
 * success becomes the service's problem detail in one line — the caller's fault (400, 401, 403: exit 2) as a
 * {@link UsageException}, a refusal of what was asked (404, 409, 5xx: exit 1) as a {@link Refused}.
 */
final class ServiceClient {

    /** How long a connection may take to open. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long one request may take: an analysis or a plan reads the target, an apply changes it. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    /** The service refused what was asked, or failed at it; its problem detail is the message. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final URI base;
    private final String apiKey;

    ServiceClient(String server, String apiKey) {
        URI uri;
        try {
            uri = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--server '" + server + "' must be a URL such as http://127.0.0.1:8420");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new UsageException("--server '" + server + "' must be a URL such as http://127.0.0.1:8420");
        }
        this.base = uri;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(
                                method,
                                HttpRequest.BodyPublishers.ofString(
                                        Json.documentWriter().writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return answer(method + " " + path, response);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new UsageException(
                    "cannot reach pacer serve at " + base + " (is it running? give its URL with" + " --server)");
        } catch (HttpTimeoutException e) {
            throw new Refused(method + " " + path + " got no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new UsageException("cannot reach pacer serve at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }

    private static JsonNode answer(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json;
        try {
            json = response.body().isBlank() ? null : Json.documentReader().readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        if (status >= 200 && status < 300) {
            if (json == null) {
                throw new Refused(what + " answered " + status + " without a JSON body");
            }
            return json;
        }
        String detail =
                json != null && json.hasNonNull("detail") ? json.get("detail").asText() : what + " answered " + status;
        if (status == 401) {
            throw new UsageException(detail + " (give an API key with --api-key or $PACER_API_KEY)");
        }
        if (status == 400 || status == 403 || status == 413) {
            throw new UsageException(detail);
        }
        throw new Refused(detail);
    }
}
