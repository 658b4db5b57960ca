package io.pacer.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

final class TunableRegistry implements Tunables {
    private final Map<String, Entry<?>> entries = new LinkedHashMap<>();
    private final List<Consumer<TunableChange>> listeners = new CopyOnWriteArrayList<>();

    private static final class Entry<T extends Comparable<T>> {
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
    public synchronized <T extends Comparable<T>> void register(Tunable<T> tunable, T initial, Consumer<T> apply) {
        if (entries.containsKey(tunable.name())) {
            throw new IllegalArgumentException("tunable " + tunable.name() + " is already registered");
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
    public synchronized Object get(String name) {
        return entry(name).value;
    }

    @Override
    public TunableChange set(String name, Object value, String source) {
        TunableChange change;
        synchronized (this) {
            Entry<?> entry = entry(name);
            Object old = entry.set(value);
            change = new TunableChange(name, old, entry.value, source == null ? "api" : source);
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
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    private Entry<?> entry(String name) {
        Entry<?> entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("unknown tunable '" + name + "': known are " + entries.keySet());
        }
        return entry;
    }
}
