package io.pacer.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** {@link Tunables}: declarations and values under one lock; listeners called outside it. */
final class TunableRegistry implements Tunables {
    /** Dotted words: letters, digits, {@code _} and {@code -}, e.g. {@code batcher.orders-eu}. */
    static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private final String namespace;
    private final String prefix;
    private final Map<String, Entry<?>> entries = new LinkedHashMap<>();
    private final List<Consumer<TunableChange>> listeners = new CopyOnWriteArrayList<>();

    TunableRegistry(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace must be dotted words of letters, digits, '_' and '-'"
                    + " (e.g. batcher.orders), but was " + (namespace == null ? "null" : "'" + namespace + "'"));
        }
        this.namespace = namespace;
        this.prefix = namespace + ".";
    }

    private static final class Entry<T> {
        final Tunable<T> tunable;
        final Consumer<T> apply;
        T value;

        Entry(Tunable<T> tunable, T value, Consumer<T> apply) {
            this.tunable = tunable;
            this.value = value;
            this.apply = apply;
        }

        Object set(Object raw) {
            T typed = tunable.validate(raw);
            T old = value;
            apply.accept(typed);
            value = typed;
            return old;
        }
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public synchronized <T> void register(Tunable<T> tunable, T initial, Consumer<T> apply) {
        Objects.requireNonNull(apply, "apply");
        if (entries.containsKey(tunable.name())) {
            throw new IllegalArgumentException("tunable " + tunable.name() + " is already registered in " + namespace);
        }
        entries.put(tunable.name(), new Entry<>(tunable, tunable.validate(initial), apply));
    }

    @Override
    public synchronized List<Tunable<?>> declared() {
        List<Tunable<?>> out = new ArrayList<>();
        entries.values().forEach(e -> out.add(e.tunable));
        return List.copyOf(out);
    }

    @Override
    public synchronized Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        entries.forEach((name, e) -> out.put(name, e.value));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public synchronized Object get(String name) {
        return entry(name).value;
    }

    @Override
    public TunableChange set(String name, Object value, String source) {
        TunableChange change;
        synchronized (this) {
            Entry<?> entry = entry(name);
            Object old = entry.set(value);
            change = new TunableChange(
                    namespace, entry.tunable.name(), old, entry.value, source == null ? "api" : source);
        }
        for (Consumer<TunableChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException ignored) {
                // a listener's failure must not undo or block an accepted change
            }
        }
        return change;
    }

    @Override
    public void addListener(Consumer<TunableChange> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Whether {@code qualifiedName} names a tunable of this registry. */
    synchronized boolean owns(String qualifiedName) {
        return qualifiedName.startsWith(prefix) && entries.containsKey(qualifiedName.substring(prefix.length()));
    }

    private Entry<?> entry(String name) {
        Objects.requireNonNull(name, "name");
        Entry<?> entry = entries.get(name);
        if (entry == null && name.startsWith(prefix)) {
            entry = entries.get(name.substring(prefix.length()));
        }
        if (entry == null) {
            throw new IllegalArgumentException(
                    "unknown tunable '" + name + "': known are " + entries.keySet() + " (in " + namespace + ")");
        }
        return entry;
    }
}
