package io.pacer.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.tune.Tunable;
import java.time.Duration;

/**
 * How tunable values travel as JSON: integers and longs as numbers, booleans as booleans, durations as the text people
 * type and {@link io.pacer.tune.Durations} reads back ({@code 100ms}, {@code 30s}), choices as strings.
 */
final class AgentValues {

    private static final long[] UNIT_NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
    private static final String[] UNIT_NAMES = {"h", "m", "s", "ms", "us"};

    private AgentValues() {}

    /** {@code value} as a JSON node. */
    static JsonNode node(Object value) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (value == null) {
            return json.nullNode();
        }
        if (value instanceof Integer i) {
            return json.numberNode(i);
        }
        if (value instanceof Long l) {
            return json.numberNode(l);
        }
        if (value instanceof Boolean b) {
            return json.booleanNode(b);
        }
        if (value instanceof Duration d) {
            return json.textNode(text(d));
        }
        return json.textNode(value.toString());
    }

    /** The shortest exact form in one unit: {@code 0ms}, {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1500us}. */
    static String text(Duration duration) {
        if (duration.isNegative() || duration.getSeconds() > Long.MAX_VALUE / 1_000_000_000L) {
            return duration.toString();
        }
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0ms";
        }
        for (int i = 0; i < UNIT_NANOS.length; i++) {
            if (nanos % UNIT_NANOS[i] == 0) {
                return nanos / UNIT_NANOS[i] + UNIT_NAMES[i];
            }
        }
        return nanos + "ns";
    }

    /** The domain: {@code {"min": …, "max": …}} or {@code {"values": […]}}. */
    static ObjectNode domain(Tunable<?> tunable) {
        ObjectNode domain = JsonNodeFactory.instance.objectNode();
        if (tunable.domain() instanceof Tunable.Range<?> range) {
            domain.set("min", node(range.min()));
            domain.set("max", node(range.max()));
        } else if (tunable.domain() instanceof Tunable.OneOf<?> oneOf) {
            ArrayNode values = domain.putArray("values");
            oneOf.values().forEach(v -> values.add(node(v)));
        }
        return domain;
    }

    /** The domain in words, e.g. {@code [0ms, 1m]} or {@code one of [false, true]}. */
    static String domainText(Tunable<?> tunable) {
        if (tunable.domain() instanceof Tunable.Range<?> range) {
            return "[" + node(range.min()).asText() + ", " + node(range.max()).asText() + "]";
        }
        Tunable.OneOf<?> oneOf = (Tunable.OneOf<?>) tunable.domain();
        return "one of " + oneOf.values().stream().map(v -> node(v).asText()).toList();
    }

    /**
     * The text a JSON value stands for, as the tunable parses it ({@code 100}, {@code "100ms"}, {@code true}).
     *
     * @throws AgentProblem 400 when it is missing, null, an object or an array
     */
    static String text(String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw AgentProblem.badRequest(field + " must be set, e.g. {\"" + field + "\": 100}, but was missing");
        }
        if (!value.isValueNode()) {
            throw AgentProblem.badRequest(
                    field + " must be a number, a string or a boolean, but was " + value.getNodeType());
        }
        return value.asText();
    }
}
