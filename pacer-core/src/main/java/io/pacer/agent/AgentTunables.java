package io.pacer.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.tune.Tunable;
import io.pacer.tune.TunableChange;
import io.pacer.tune.Tunables;
import io.pacer.tune.TunablesDirectory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The agent's view of a {@link TunablesDirectory}: lists tunables, and sets one the way a planned action needs —
 * validated by the tunable, optionally only when the value is still the expected one, optionally as a dry run.
 */
final class AgentTunables {

    static final String DEFAULT_SOURCE = "agent";
    private static final Set<String> SET_FIELDS = Set.of("value", "expected", "dry_run", "source");
    private static final int MAX_SOURCE_LENGTH = 200;

    private final TunablesDirectory directory;
    /** Agent writes one at a time, so an expected-value check and its set are not interleaved with another's. */
    private final Object writes = new Object();

    AgentTunables(TunablesDirectory directory) {
        this.directory = directory;
    }

    /** {@code {"tunables": [...]}}: every live tunable, by namespace then declaration order. */
    ObjectNode list() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode tunables = body.putArray("tunables");
        for (Tunables registry : directory.registries()) {
            for (Tunable<?> tunable : registry.declared()) {
                tunables.add(view(new Located(registry, tunable)));
            }
        }
        return body;
    }

    /** One tunable's view; 404 when no live registry has it. */
    ObjectNode one(String qualifiedName) {
        return view(locate(qualifiedName));
    }

    /**
     * Sets {@code qualifiedName} from a request body {@code {"value": …, "expected": …, "dry_run": …, "source": …}}.
     *
     * @throws AgentProblem 400 for a bad body or a value outside the domain, 404 for an unknown name, 409 when the value
     *     is not the expected one
     */
    ObjectNode set(String qualifiedName, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw AgentProblem.badRequest("the body must be a JSON object such as {\"value\": 100}");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!SET_FIELDS.contains(field)) {
                unknown.add(field);
            }
        }
        if (!unknown.isEmpty()) {
            throw AgentProblem.badRequest("unknown fields " + unknown + ": the body takes value, and optionally"
                    + " expected, dry_run and source");
        }
        String value = AgentValues.text("value", body.get("value"));
        String expected = body.has("expected") ? AgentValues.text("expected", body.get("expected")) : null;
        boolean dryRun = flag(body.get("dry_run"));
        String source = source(body.get("source"));
        Located located = locate(qualifiedName);
        synchronized (writes) {
            Object typed = validated(located, "value", value);
            Object now = located.registry.get(located.tunable.name());
            if (expected != null && !validated(located, "expected", expected).equals(now)) {
                AgentProblem conflict = new AgentProblem(
                        409,
                        "Conflict",
                        qualifiedName + " is " + AgentValues.node(now).asText() + " now, not " + expected
                                + " as expected: read it again and plan anew");
                conflict.extensions().set("value", AgentValues.node(now));
                throw conflict;
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("name", qualifiedName);
            out.set("old_value", AgentValues.node(now));
            if (dryRun) {
                out.set("new_value", AgentValues.node(typed));
                out.put("applied", false);
                return out;
            }
            TunableChange change;
            try {
                change = located.registry.set(located.tunable.name(), typed, source);
            } catch (IllegalArgumentException e) {
                throw AgentProblem.badRequest(qualifiedName + ": " + e.getMessage());
            }
            out.set("old_value", AgentValues.node(change.oldValue()));
            out.set("new_value", AgentValues.node(change.newValue()));
            out.put("applied", true);
            out.put("source", change.source());
            return out;
        }
    }

    private static Object validated(Located located, String field, String text) {
        try {
            return located.tunable.validate(text);
        } catch (IllegalArgumentException e) {
            AgentProblem problem = AgentProblem.badRequest(
                    (field.equals("value") ? "" : field + ": ") + located.namespace() + "." + e.getMessage()
                            + " (allowed: "
                            + AgentValues.domainText(located.tunable) + ")");
            problem.extensions().put("name", located.qualifiedName());
            problem.extensions().put("type", located.tunable.type().getSimpleName());
            problem.extensions().set("domain", AgentValues.domain(located.tunable));
            throw problem;
        }
    }

    private static boolean flag(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw AgentProblem.badRequest("dry_run must be true or false, but was " + node);
        }
        return node.booleanValue();
    }

    private static String source(JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT_SOURCE;
        }
        String text = node.asText();
        if (!node.isTextual() || text.isBlank() || text.length() > MAX_SOURCE_LENGTH) {
            throw AgentProblem.badRequest(
                    "source must be a text of 1 to " + MAX_SOURCE_LENGTH + " characters saying who makes the change");
        }
        return text;
    }

    private static ObjectNode view(Located located) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", located.qualifiedName());
        node.put("namespace", located.namespace());
        node.put("tunable", located.tunable.name());
        node.put("type", located.tunable.type().getSimpleName());
        node.set("domain", AgentValues.domain(located.tunable));
        node.set("value", AgentValues.node(located.registry.get(located.tunable.name())));
        node.put("doc", located.tunable.doc());
        return node;
    }

    /** The live tunable {@code qualifiedName}: the registry with the longest namespace that declares the rest. */
    private Located locate(String qualifiedName) {
        Located best = null;
        List<String> namespaces = new ArrayList<>();
        for (Tunables registry : directory.registries()) {
            namespaces.add(registry.namespace());
            String prefix = registry.namespace() + ".";
            if (!qualifiedName.startsWith(prefix)
                    || (best != null
                            && best.namespace().length() >= registry.namespace().length())) {
                continue;
            }
            String local = qualifiedName.substring(prefix.length());
            for (Tunable<?> tunable : registry.declared()) {
                if (tunable.name().equals(local)) {
                    best = new Located(registry, tunable);
                }
            }
        }
        if (best == null) {
            AgentProblem problem = AgentProblem.notFound("no live tunable '" + qualifiedName
                    + "': give <namespace>.<name>, e.g. batcher.orders.batch.maxEvents; namespaces now are "
                    + namespaces);
            ArrayNode listed = problem.extensions().putArray("namespaces");
            namespaces.forEach(listed::add);
            throw problem;
        }
        return best;
    }

    private record Located(Tunables registry, Tunable<?> tunable) {
        String namespace() {
            return registry.namespace();
        }

        String qualifiedName() {
            return registry.namespace() + "." + tunable.name();
        }
    }
}
