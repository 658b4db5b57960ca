package io.pacer.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** {@link TunablesDirectory}: a sorted map of live registries under one lock; listeners called outside it. */
final class Directory implements TunablesDirectory {
    static final Directory GLOBAL = new Directory();

    private final Map<String, TunableRegistry> live = new TreeMap<>();
    private final List<Consumer<TunableChange>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public synchronized Tunables register(String kind, String name) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        String namespace = kind + "." + name.replaceAll("[^A-Za-z0-9_-]", "_");
        String unique = namespace;
        for (int n = 2; live.containsKey(unique); n++) {
            unique = namespace + "-" + n;
        }
        TunableRegistry registry = new TunableRegistry(unique);
        registry.addListener(change -> {
            if (isListed(registry)) {
                tell(change);
            }
        });
        live.put(unique, registry);
        return registry;
    }

    @Override
    public synchronized void unregister(Tunables tunables) {
        Objects.requireNonNull(tunables, "tunables");
        live.remove(tunables.namespace(), tunables);
    }

    @Override
    public synchronized List<Tunables> registries() {
        return List.copyOf(live.values());
    }

    @Override
    public synchronized Optional<Tunables> find(String namespace) {
        return Optional.ofNullable(live.get(namespace));
    }

    @Override
    public Object get(String qualifiedName) {
        return owner(qualifiedName).get(qualifiedName);
    }

    @Override
    public TunableChange set(String qualifiedName, Object value, String source) {
        return owner(qualifiedName).set(qualifiedName, value, source);
    }

    @Override
    public void addListener(Consumer<TunableChange> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private synchronized boolean isListed(TunableRegistry registry) {
        return live.get(registry.namespace()) == registry;
    }

    /** The registry owning {@code qualifiedName}: the one whose namespace is its longest matching prefix. */
    private synchronized TunableRegistry owner(String qualifiedName) {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        List<TunableRegistry> owners = new ArrayList<>();
        live.values().stream().filter(r -> r.owns(qualifiedName)).forEach(owners::add);
        if (owners.isEmpty()) {
            throw new IllegalArgumentException("no live component has the tunable '" + qualifiedName
                    + "': give <namespace>.<name>, namespaces now are " + live.keySet());
        }
        owners.sort(
                (a, b) -> Integer.compare(b.namespace().length(), a.namespace().length()));
        return owners.get(0);
    }

    private void tell(TunableChange change) {
        for (Consumer<TunableChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException ignored) {
                // a listener's failure must not undo or block an accepted change
            }
        }
    }
}
