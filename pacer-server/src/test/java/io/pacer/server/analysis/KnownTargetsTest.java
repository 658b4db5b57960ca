package io.pacer.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a target's addresses are read, to compare an action's target with the service's targets. */
class KnownTargetsTest {

    @Test
    void everyFormATargetTakesNamesItsHostsAndPorts() {
        assertThat(KnownTargets.hostPorts("redis", "Cache:6379")).isEqualTo(List.of("cache:6379"));
        assertThat(KnownTargets.hostPorts("redis", "redis://cache:6380/2")).isEqualTo(List.of("cache:6380"));
        assertThat(KnownTargets.hostPorts("kafka", "b1:9092, b2:9093")).isEqualTo(List.of("b1:9092", "b2:9093"));
        assertThat(KnownTargets.hostPorts("postgres", "postgresql://u:secret@db/app"))
                .isEqualTo(List.of("db:5432"));
        assertThat(KnownTargets.hostPorts("postgres", "jdbc:postgresql://db:5433/app?user=u"))
                .isEqualTo(List.of("db:5433"));
        assertThat(KnownTargets.hostPorts("redis", "not a target")).isEmpty();
    }
}
