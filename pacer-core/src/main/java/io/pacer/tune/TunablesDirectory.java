package io.pacer.tune;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every live {@link Tunables} registry of the process, by namespace: the one place an operator, adaptive mode or
 * the monitoring service (through the application's agent) lists and changes the settings of running batchers and
 * caches by qualified name, e.g. {@code batcher.orders.batch.maxEvents}.
 *
 * <p>Components register on build and unregister on close, so the directory lists exactly what is alive. A
 * namespace already taken (two batchers both named {@code orders}) gets a numeric suffix ({@code batcher.orders-2})
 * so both stay addressable; give components distinct names to keep addresses stable across restarts.
 *
 * <pre>{@code
 * TunablesDirectory.global().set("batcher.orders.batch.maxEvents", 500, "ops");
 * }</pre>
 */
public interface TunablesDirectory {

    /** The process-wide directory that Pacer's batchers and caches register in. */
    static TunablesDirectory global() {
        return Directory.GLOBAL;
    }

    /** A directory of its own, e.g. for a test that must not see other components. */
    static TunablesDirectory create() {
        return new Directory();
    }

    /**
     * Creates and lists an empty registry for a component: its namespace is {@code <kind>.<name>} with every
     * character of {@code name} other than letters, digits, {@code _} and {@code -} replaced by {@code _}
     * ({@code batcher.orders}), or {@code <kind>.<name>-2}, {@code -3}, … when that is taken. Its changes reach this
     * directory's listeners until {@link #unregister}.
     *
     * @param kind the component's kind in lower case, e.g. {@code batcher} or {@code cache}
     * @param name the component's name, e.g. {@code orders}
     */
    Tunables register(String kind, String name);

    /** Removes {@code tunables} from the listing (idempotent); a closing component calls it. */
    void unregister(Tunables tunables);

    /** The live registries, ordered by namespace. */
    List<Tunables> registries();

    /** The live registry of {@code namespace}, if any. */
    Optional<Tunables> find(String namespace);

    /**
     * The current value of the tunable {@code qualifiedName}.
     *
     * @throws IllegalArgumentException when no live registry owns that name, listing the namespaces there are
     */
    Object get(String qualifiedName);

    /**
     * Validates and applies a new value of the tunable {@code qualifiedName}, as {@link Tunables#set} does.
     *
     * @return the change made, with the old value to revert to
     * @throws IllegalArgumentException for an unknown name or a value that is not allowed
     */
    TunableChange set(String qualifiedName, Object value, String source);

    /** Hears every accepted change of every registry while it is listed here. */
    void addListener(Consumer<TunableChange> listener);
}
