package io.pacer.analysis.action;

import io.pacer.internal.Check;
import java.util.Map;
import java.util.TreeMap;

/**
 * A change someone asks for, before it is planned: which executor, on which target, with which parameters. A
 * recommendation carries one when Pacer can carry it out.
 *
 * <p>Kinds and their parameters (each executor validates its own and names what is wrong):
 * <ul>
 *   <li>{@code agent.tunable}: target the agent's URL; {@code name} (qualified tunable, e.g.
 *       {@code batcher.orders.batch.maxEvents}), {@code value}
 *   <li>{@code kafka.topic-config}: target the bootstrap servers; {@code topic}, {@code config}, {@code value}
 *   <li>{@code redis.config}: target {@code host:port}; {@code parameter}, {@code value}
 *   <li>{@code postgres.index}: target the PostgreSQL URL; {@code table}, {@code columns} (comma-separated)
 *   <li>{@code postgres.setting}: target the PostgreSQL URL; {@code setting}, {@code value} (reloadable settings only)
 * </ul>
 *
 * @param kind the executor's kind
 * @param target what to change (its secrets never shown: executors mask them in plans and history)
 * @param parameters the change's parameters, by name
 */
public record ActionRequest(String kind, String target, Map<String, String> parameters) {

    public ActionRequest {
        Check.notBlank("action kind", kind, "an executor's kind, e.g. kafka.topic-config");
        Check.notBlank("action target", target, "what to change, e.g. the bootstrap servers");
        parameters =
                parameters == null ? Map.of() : Map.copyOf(new TreeMap<>(Check.stringMap("parameters", parameters)));
    }
}
