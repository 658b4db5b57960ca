package io.pacer.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request the agent refuses: its status, and the RFC 9457 problem body that says why and how to fix it. */
final class AgentProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final transient ObjectNode extensions;

    AgentProblem(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
        this.extensions = JsonNodeFactory.instance.objectNode();
    }

    static AgentProblem badRequest(String detail) {
        return new AgentProblem(400, "Bad Request", detail);
    }

    static AgentProblem notFound(String detail) {
        return new AgentProblem(404, "Not Found", detail);
    }

    /** Extra members of the problem body, e.g. the tunable's {@code domain}. */
    ObjectNode extensions() {
        return extensions;
    }

    int status() {
        return status;
    }

    /** The problem body for a request to {@code path}. */
    ObjectNode body(String path) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        body.put("instance", path);
        body.setAll(extensions);
        return body;
    }
}
