package io.pacer.tune;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The runtime-adjustable settings of one component (a batcher, a cache), under a namespace such as
 * {@code batcher.orders}. Each setting is declared as a {@link Tunable} with its allowed values; {@link #set}
 * validates, applies, and tells every listener. Components register theirs in the process-wide
 * {@link TunablesDirectory} when they are built and remove them when they close, so a remote service can list
 * and change the tunables of a running application by qualified name. Thread-safe.
 */
public interface Tunables {

    /** An empty registry, not listed in any directory (components use {@link TunablesDirectory#register}). */
    static Tunables create(String namespace) {
        return new TunableRegistry(namespace);
    }

    /** The namespace that qualifies this registry's names, e.g. {@code batcher.orders}. */
    String namespace();

    /**
     * Declares a setting with its current value and what applies a change (called under the registry's lock,
     * before listeners hear of it).
     *
     * @throws IllegalArgumentException when the name is taken or {@code initial} is not allowed
     */
    <T> void register(Tunable<T> tunable, T initial, Consumer<T> apply);

    /** The declarations, in registration order. */
    List<Tunable<?>> declared();

    /** Every current value by name, in registration order. */
    Map<String, Object> values();

    /**
     * The current value of {@code name} (its name here, or its qualified name).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    Object get(String name);

    /**
     * Validates and applies a new value (an instance of the type, or its text form) of {@code name} (its name here,
     * or its qualified name).
     *
     * @param source who makes the change, kept in the change event; null means "api"
     * @return the change made, with the old value to revert to
     * @throws IllegalArgumentException naming the setting, the bad value and what is allowed
     */
    TunableChange set(String name, Object value, String source);

    /** Hears every accepted change; a listener that throws neither undoes the change nor stops other listeners. */
    void addListener(Consumer<TunableChange> listener);
}
