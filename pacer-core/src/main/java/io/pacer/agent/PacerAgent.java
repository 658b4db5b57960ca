package io.pacer.agent;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.pacer.batch.Batcher;
import io.pacer.cache.TieredCache;
import io.pacer.tune.TunablesDirectory;
import java.net.URI;
import java.util.Objects;

/**
 * A small HTTP endpoint an application starts so the monitoring service ({@code pacer serve}) can read and change the
 * tunables of its running batchers and caches, and read their snapshots: what the service's {@code agent.tunable}
 * actions plan, apply and revert. Built on the JDK's {@code com.sun.net.httpserver}, so the library gains no server
 * dependency; it needs jackson-databind (an optional dependency of pacer-core) on the class path.
 *
 * <p>Every request carries the shared secret as {@code Authorization: Bearer <secret>} (compared in constant time;
 * 401 otherwise). Errors are RFC 9457 problem details ({@code application/problem+json}). Routes:
 * <ul>
 *   <li>{@code GET /pacer/agent/v1/tunables}: every live tunable of the directory — qualified name, namespace, type,
 *       domain, value, doc
 *   <li>{@code GET /pacer/agent/v1/tunables/{qualifiedName}}: one of them
 *   <li>{@code PUT} (or {@code POST}) {@code /pacer/agent/v1/tunables/{qualifiedName}} with {@code {"value": …}}: sets
 *       it, validated by the tunable (out of its domain: 400 naming the domain; unknown: 404 listing the namespaces).
 *       Optional fields: {@code "expected"} — set only if the value now is this one, else 409 (what makes a planned
 *       change refuse a moved value); {@code "dry_run": true} — validate and answer without setting;
 *       {@code "source"} — who changes it, kept in the change event (default {@code agent})
 *   <li>{@code GET /pacer/agent/v1/snapshot}: the snapshots of the {@linkplain #watch(Batcher) watched} batchers and
 *       caches, the numbers their meters are made of
 * </ul>
 * Values are JSON numbers and booleans, and strings for durations ({@code "100ms"}, {@code "30s"}) and choices.
 *
 * <pre>{@code
 * try (PacerAgent agent = PacerAgent.start(PacerAgentConfig.loopback(System.getenv("PACER_AGENT_SECRET")))) {
 *     agent.watch(batcher).watch(cache).bindTo(registry); // pacer_agent_info{url="http://127.0.0.1:…"} 1
 *     …
 * }
 * }</pre>
 */
public interface PacerAgent extends MeterBinder, AutoCloseable {

    /** The path every route starts with. */
    String BASE_PATH = "/pacer/agent/v1";

    /**
     * Starts an agent over the process-wide {@link TunablesDirectory#global() directory}, where Pacer's batchers and
     * caches list their tunables.
     *
     * @throws IllegalStateException when the port cannot be bound, or jackson-databind is missing
     */
    static PacerAgent start(PacerAgentConfig config) {
        return start(config, TunablesDirectory.global());
    }

    /**
     * Starts an agent over {@code directory}.
     *
     * @throws IllegalStateException when the port cannot be bound, or jackson-databind is missing
     */
    static PacerAgent start(PacerAgentConfig config, TunablesDirectory directory) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(directory, "directory");
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, PacerAgent.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Pacer agent reads and writes JSON: add"
                    + " com.fasterxml.jackson.core:jackson-databind to the application's dependencies");
        }
        return AgentServer.start(config, directory);
    }

    /** Where the agent listens, e.g. {@code http://127.0.0.1:41234}: the target of {@code agent.tunable} actions. */
    URI uri();

    /** Adds {@code batcher}'s snapshot to {@code /snapshot}, under its name; returns this agent. */
    PacerAgent watch(Batcher<?> batcher);

    /** Adds {@code cache}'s snapshot to {@code /snapshot}, under its name; returns this agent. */
    PacerAgent watch(TieredCache<?, ?> cache);

    /**
     * Registers the gauge {@code pacer.agent.info{url=<uri()>}} (Prometheus: {@code pacer_agent_info}), 1 while the
     * agent runs and 0 once closed: how the service finds the agent of an application whose meters it scrapes.
     */
    @Override
    void bindTo(MeterRegistry registry);

    /**
     * Stops listening, closes open connections and stops the agent's threads (a request being handled gets up to a
     * second to finish). Idempotent.
     */
    @Override
    void close();
}
