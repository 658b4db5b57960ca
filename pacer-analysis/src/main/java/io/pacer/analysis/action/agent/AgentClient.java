package io.pacer.analysis.action.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.agent.PacerAgent;
import io.pacer.internal.Check;
import io.pacer.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** Talks to a {@code PacerAgent}: one tunable read or set per call, every call bounded by the timeout. */
final class AgentClient {

    /** What qualified tunable names look like; anything else never reaches a URL. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+");

    private final String secret;
    private final Duration timeout;
    private final HttpClient http;

    AgentClient(String secret, Duration timeout) {
        this.secret = secret;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** An agent's base URL, e.g. {@code http://127.0.0.1:41234}. */
    record Target(URI base) {}

    /** An answer of the agent: its status and JSON body (a problem's {@code detail} for errors). */
    record Response(int status, JsonNode body) {
        String detail() {
            return body.path("detail").asText("HTTP " + status);
        }
    }

    /**
     * The agent a request's target names: its URL, with or without a trailing {@code /} or the routes' base path.
     *
     * @throws IllegalArgumentException naming the target and the form expected
     */
    static Target target(String target) {
        String rule = "the agent's URL, e.g. http://127.0.0.1:41234 (its pacer_agent_info url)";
        URI uri;
        try {
            uri = new URI(target.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("action target must be " + rule + ", but was '" + target + "'");
        }
        Check.that(
                ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        && uri.getHost() != null
                        && uri.getRawQuery() == null
                        && uri.getRawFragment() == null,
                "action target",
                rule,
                target);
        Check.argument(
                uri.getRawUserInfo() == null,
                "action target must not carry credentials: the agent's secret is the service's --agent-secret");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(PacerAgent.BASE_PATH)) {
            path = path.substring(0, path.length() - PacerAgent.BASE_PATH.length());
        }
        return new Target(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path));
    }

    /** {@code GET /tunables/{name}}. */
    Response get(Target target, String name) {
        return send(target, name, HttpRequest.newBuilder().GET());
    }

    /** {@code PUT /tunables/{name}} with {@code body}. */
    Response put(Target target, String name, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = Json.valueWriter(JsonNode.class).writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("could not write " + body, e);
        }
        return send(
                target,
                name,
                HttpRequest.newBuilder()
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /** Why a call failed that is nobody's input error: the secret, the agent's own failure, an unexpected status. */
    IllegalStateException failure(Target target, String name, Response response) {
        if (response.status() == 401) {
            return new IllegalStateException("the agent at " + target.base() + " refused the secret: give the service"
                    + " the secret the application's PacerAgent was started with (--agent-secret or"
                    + " PACER_AGENT_SECRET)");
        }
        return new IllegalStateException("the agent at " + target.base() + " answered " + response.status() + " for "
                + name + ": " + response.detail());
    }

    private Response send(Target target, String name, HttpRequest.Builder request) {
        Check.matches("tunable name", name, NAME, "a qualified tunable, e.g. batcher.orders.batch.maxEvents");
        URI uri = URI.create(target.base() + PacerAgent.BASE_PATH + "/tunables/" + name);
        HttpResponse<byte[]> response;
        try {
            response = http.send(
                    request.uri(uri)
                            .timeout(timeout)
                            .header("Authorization", "Bearer " + secret)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the agent at " + target.base() + " cannot be reached: "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the agent at " + target.base(), e);
        }
        return new Response(response.statusCode(), json(response.body()));
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode node = Json.valueReader(JsonNode.class).readTree(body);
            return node == null || node.isMissingNode() ? JsonNodeFactory.instance.objectNode() : node;
        } catch (IOException e) {
            return JsonNodeFactory.instance.objectNode().put("detail", "the answer was not JSON");
        }
    }
}
