package io.pacer.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The directory lists live registries by namespace and reaches their tunables by qualified name. */
class TunablesDirectoryTest {

    @Test
    void qualifiedNamesReachTheOwningRegistryAndChangesCarryWhatARevertNeeds() {
        TunablesDirectory directory = TunablesDirectory.create();
        AtomicInteger applied = new AtomicInteger();
        Tunables orders = directory.register("batcher", "orders");
        orders.register(Tunable.ofInt("batch.maxEvents", 1, 1000, "events"), 50, applied::set);
        List<TunableChange> heard = new ArrayList<>();
        directory.addListener(heard::add);

        TunableChange change = directory.set("batcher.orders.batch.maxEvents", "200", "action-7");

        assertThat(applied).hasValue(200);
        assertThat(change).isEqualTo(new TunableChange("batcher.orders", "batch.maxEvents", 50, 200, "action-7"));
        assertThat(change.qualifiedName()).isEqualTo("batcher.orders.batch.maxEvents");
        assertThat(heard).containsExactly(change);
        assertThat(directory.get("batcher.orders.batch.maxEvents")).isEqualTo(200);
        assertThat(orders.get("batch.maxEvents")).isEqualTo(200);
        assertThat(orders.values()).containsEntry("batch.maxEvents", 200);

        directory.set(change.qualifiedName(), change.oldValue(), "revert of action-7");
        assertThat(applied).hasValue(50);
    }

    @Test
    void aTakenNamespaceGetsASuffixAndTheLongestNamespaceOwnsAName() {
        TunablesDirectory directory = TunablesDirectory.create();
        Tunables first = directory.register("batcher", "orders");
        Tunables second = directory.register("batcher", "orders");
        Tunables dotted = directory.register("batcher", "orders.eu west");
        first.register(Tunable.ofInt("n", 0, 9, "n"), 1, n -> {});
        second.register(Tunable.ofInt("n", 0, 9, "n"), 2, n -> {});
        dotted.register(Tunable.ofInt("n", 0, 9, "n"), 3, n -> {});

        assertThat(directory.registries())
                .extracting(Tunables::namespace)
                .containsExactly("batcher.orders", "batcher.orders-2", "batcher.orders_eu_west");
        assertThat(directory.get("batcher.orders.n")).isEqualTo(1);
        assertThat(directory.get("batcher.orders-2.n")).isEqualTo(2);
        assertThat(directory.get("batcher.orders_eu_west.n")).isEqualTo(3);
        assertThat(directory.find("batcher.orders-2")).containsSame(second);
    }

    @Test
    void anUnregisteredRegistryIsNeitherListedNorHeard() {
        TunablesDirectory directory = TunablesDirectory.create();
        Tunables gone = directory.register("cache", "users");
        gone.register(Tunable.ofBoolean("l2.enabled", "use Redis"), true, b -> {});
        List<TunableChange> heard = new ArrayList<>();
        directory.addListener(heard::add);

        directory.unregister(gone);
        directory.unregister(gone);
        gone.set("l2.enabled", false, "late");

        assertThat(directory.registries()).isEmpty();
        assertThat(heard).isEmpty();
        assertThatThrownBy(() -> directory.get("cache.users.l2.enabled"))
                .hasMessage("no live component has the tunable 'cache.users.l2.enabled': give <namespace>.<name>,"
                        + " namespaces now are []");
        assertThat(directory.register("cache", "users").namespace())
                .as("the name is free again")
                .isEqualTo("cache.users");
    }

    @Test
    void badNamesAndValuesSayWhatIsAllowed() {
        TunablesDirectory directory = TunablesDirectory.create();
        Tunables registry = directory.register("batcher", "x");
        registry.register(Tunable.ofInt("n", 0, 9, "n"), 1, n -> {});

        assertThatThrownBy(() -> directory.set("batcher.x.n", 10, null)).hasMessage("n must be in [0, 9], but was 10");
        assertThatThrownBy(() -> registry.set("m", 1, null))
                .hasMessage("unknown tunable 'm': known are [n] (in batcher.x)");
        assertThatThrownBy(() -> registry.register(Tunable.ofInt("n", 0, 9, "again"), 1, n -> {}))
                .hasMessage("tunable n is already registered in batcher.x");
        assertThatThrownBy(() -> Tunables.create("no spaces")).hasMessageStartingWith("namespace must be dotted words");
        assertThat(registry.set("n", 4, null).source()).isEqualTo("api");
    }
}
