package io.pacer.analysis.action.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.StalePlanException;
import io.pacer.analysis.action.Verification;
import io.pacer.internal.Check;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code agent.tunable}: changes one tunable of a running application's batcher or cache through its
 * {@code PacerAgent} (target: the agent's URL, as its {@code pacer_agent_info{url}} gauge gives it; parameters
 * {@code name}, the qualified tunable, and {@code value}).
 *
 * <p>The plan reads the tunable's value and domain from the agent and has the agent validate the new value in a dry
 * run, so a value outside the domain is refused when planned, naming the domain. Apply sends the planned value with the
 * planned one as {@code expected}: the agent refuses it (409, here a {@link StalePlanException}) when the value moved
 * since. Revert sets the value the plan saw. Batcher and cache tunables within their domain are
 * {@linkplain Plan#safe() safe}: small, reversible, applied live, no data rewritten.
 */
public final class AgentTunableExecutor implements ActionExecutor {

    /** The kind of request it carries out. */
    public static final String KIND = "agent.tunable";
    /** How long one call to an agent may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final Set<String> PARAMETERS = Set.of("name", "value");

    private final AgentClient client;

    /** @param secret the agents' shared secret ({@code --agent-secret}, {@code PACER_AGENT_SECRET}) */
    public AgentTunableExecutor(String secret) {
        this(secret, DEFAULT_TIMEOUT);
    }

    /**
     * @param secret the agents' shared secret
     * @param timeout how long one call to an agent may take
     */
    public AgentTunableExecutor(String secret, Duration timeout) {
        Check.notBlank("agent secret", secret, "the secret the application's PacerAgent was started with");
        Check.duration("agent timeout", timeout, Duration.ofMillis(100), Duration.ofMinutes(1));
        this.client = new AgentClient(secret, timeout);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Plan plan(ActionRequest request, Instant now) {
        Objects.requireNonNull(now, "now");
        checkKind(request);
        TreeSet<String> unknown = new TreeSet<>(request.parameters().keySet());
        unknown.removeAll(PARAMETERS);
        Check.argument(
                unknown.isEmpty(),
                KIND + " takes the parameters name (a qualified tunable, e.g. batcher.orders.batch.maxEvents) and"
                        + " value, but was given also " + unknown);
        String name = Check.notBlank(
                "parameter name",
                request.parameters().get("name"),
                "a qualified tunable, e.g. batcher.orders.batch.linger");
        String value =
                Check.notBlank("parameter value", request.parameters().get("value"), "the new value, e.g. 200ms");
        AgentClient.Target agent = AgentClient.target(request.target());

        JsonNode tunable = readable(agent, name, client.get(agent, name));
        JsonNode dryRun = readable(agent, name, client.put(agent, name, body(value, null, null, true)));
        String before = tunable.path("value").asText();
        String after = dryRun.path("new_value").asText();
        Check.argument(!before.equals(after), name + " is " + before + " already: nothing to change");
        String namespace = tunable.path("namespace").asText();
        Change change = new Change(name, before, after);
        String summary = "set " + name + " from " + before + " to " + after + " (allowed " + domain(tunable)
                + ") through the agent at " + agent.base() + ": "
                + tunable.path("doc").asText();
        Verification verification = TunableVerifications.of(
                namespace,
                tunable.path("tunable").asText(),
                tunable.path("type").asText(),
                before,
                after);
        return new Plan(id(request, change), request, summary, List.of(change), safe(namespace), verification, now);
    }

    @Override
    public void apply(Plan plan) {
        checkKind(plan.request());
        AgentClient.Target agent = AgentClient.target(plan.request().target());
        for (Change change : plan.changes()) {
            String name = change.setting();
            AgentClient.Response response =
                    client.put(agent, name, body(change.after(), change.before(), "pacer action " + plan.id(), false));
            switch (response.status()) {
                case 200 -> {}
                case 409 ->
                    throw new StalePlanException(name + " moved since the plan: the plan saw " + change.before()
                            + ", it is " + response.body().path("value").asText() + " now; plan again");
                case 404 ->
                    throw new StalePlanException(name + " is gone from the agent at " + agent.base()
                            + " since the plan (the application restarted or the component closed): plan again");
                default -> throw client.failure(agent, name, response);
            }
        }
    }

    @Override
    public void revert(Plan plan) {
        checkKind(plan.request());
        AgentClient.Target agent = AgentClient.target(plan.request().target());
        for (Change change : plan.changes()) {
            AgentClient.Response response = client.put(
                    agent, change.setting(), body(change.before(), null, "pacer revert " + plan.id(), false));
            if (response.status() != 200) {
                throw client.failure(agent, change.setting(), response);
            }
        }
    }

    /** The body of a good answer; the agent's word as an input error (400, 404) or a failure. */
    private JsonNode readable(AgentClient.Target agent, String name, AgentClient.Response response) {
        return switch (response.status()) {
            case 200 -> response.body();
            case 400 -> throw new IllegalArgumentException(response.detail());
            case 404 ->
                throw new IllegalArgumentException(
                        "the agent at " + agent.base() + " has no tunable " + name + ": " + response.detail());
            default -> throw client.failure(agent, name, response);
        };
    }

    private static void checkKind(ActionRequest request) {
        Objects.requireNonNull(request, "request");
        Check.argument(
                request.kind().equals(KIND),
                "the agent executor carries out " + KIND + " requests, not " + request.kind());
    }

    /** Batcher and cache tunables are Pacer's own: known to be live, bounded by their domain and undone exactly. */
    private static boolean safe(String namespace) {
        return namespace.startsWith("batcher.") || namespace.startsWith("cache.");
    }

    private static String domain(JsonNode tunable) {
        JsonNode domain = tunable.path("domain");
        if (domain.has("values")) {
            return "one of " + domain.path("values");
        }
        return "[" + domain.path("min").asText() + ", " + domain.path("max").asText() + "]";
    }

    private static ObjectNode body(String value, String expected, String source, boolean dryRun) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("value", value);
        if (expected != null) {
            body.put("expected", expected);
        }
        if (source != null) {
            body.put("source", source);
        }
        if (dryRun) {
            body.put("dry_run", true);
        }
        return body;
    }

    /** The same request on the same state plans to the same id. */
    private static String id(ActionRequest request, Change change) {
        String text = String.join(
                "\n",
                request.kind(),
                request.target(),
                request.parameters().toString(),
                change.setting(),
                change.before(),
                change.after());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "agent-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
