package io.pacer.tune;

import java.util.List;
import java.util.function.Consumer;

/**
 * The runtime-adjustable settings of one component. Each is declared as a {@link Tunable} with its range;
 * {@link #set} validates, applies, and tells every listener. Thread-safe.
 */
public interface Tunables {

    /** An empty registry for a component to register its settings into. */
    static Tunables create() {
        return new TunableRegistry();
    }

    /**
     * Declares a setting with its current value and what applies a change (called under the registry's lock,
     * before listeners hear of it).
     */
    <T extends Comparable<T>> void register(Tunable<T> tunable, T initial, Consumer<T> apply);

    /** The declarations, in registration order. */
    List<Tunable<?>> declared();

    /** The current value. @throws IllegalArgumentException for an unknown name, listing the known ones */
    Object get(String name);

    /**
     * Validates and applies a new value (an instance of the type, or its text form).
     *
     * @return the change made
     * @throws IllegalArgumentException naming the setting, the bad value and the allowed range
     */
    TunableChange set(String name, Object value, String source);

    /** Hears every accepted change. */
    void addListener(Consumer<TunableChange> listener);
}
