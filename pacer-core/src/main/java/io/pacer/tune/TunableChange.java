package io.pacer.tune;

import java.util.Objects;

/**
 * One accepted change of a tunable: what it was and what it is now, so that whoever made it — an operator, adaptive
 * mode, an optimisation action of the monitoring service — can revert it exactly.
 *
 * @param namespace the registry's namespace, e.g. {@code batcher.orders}
 * @param name the tunable's name within it, e.g. {@code batch.maxEvents}
 * @param oldValue the value before
 * @param newValue the value now
 * @param source who made the change ("api" when the caller gave none; "adaptive", a user or an action id)
 */
public record TunableChange(String namespace, String name, Object oldValue, Object newValue, String source) {

    public TunableChange {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }

    /** {@code <namespace>.<name>}: how the {@link TunablesDirectory} addresses the tunable. */
    public String qualifiedName() {
        return namespace + "." + name;
    }
}
