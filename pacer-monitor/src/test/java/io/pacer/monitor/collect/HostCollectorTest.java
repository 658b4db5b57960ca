package io.pacer.monitor.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

/** The host collector on this machine, checked against what the OS itself reports through OSHI and the JDK. */
class HostCollectorTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void cpuPerCoreMemoryDisksInterfacesAndCountsAfterTwoReadings() throws Exception {
        SystemInfo system = new SystemInfo();
        int cores = system.getHardware().getProcessor().getLogicalProcessorCount();
        try (Collector host = io.pacer.monitor.collect.Collectors.host(Duration.ofSeconds(5))) {
            host.collect(NOW);
            // OSHI keeps a reading of the CPU ticks (total and per core, each on its own) for 300 ms: collect, with
            // some CPU work in between, until one collection has new ticks of both to divide.
            List<List<Sample>> seen = new ArrayList<>();
            Await.until(Duration.ofSeconds(20), "a collection with CPU usage", () -> {
                burnCpu(Duration.ofMillis(50));
                seen.add(host.collect(NOW));
                List<Sample> last = seen.get(seen.size() - 1);
                return last.stream().anyMatch(s -> s.name().equals("host.cpu.usage.ratio"))
                        && last.stream().anyMatch(s -> s.name().equals("host.cpu.core.usage.ratio"));
            });
            List<Sample> samples = seen.get(seen.size() - 1);

            assertThat(value(samples, "host.cpu.usage.ratio"))
                    .isBetween(0.0, 1.0)
                    .isPositive();
            Set<String> coreLabels = samples.stream()
                    .filter(s -> s.name().equals("host.cpu.core.usage.ratio"))
                    .peek(s -> assertThat(s.value()).isBetween(0.0, 1.0))
                    .map(s -> s.labels().get("core"))
                    .collect(Collectors.toSet());
            assertThat(coreLabels).hasSize(cores);
            assertThat(value(samples, "host.cpu.cores")).isEqualTo(cores);
            assertThat(value(samples, "host.load.1m"))
                    .isCloseTo(
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                    .getSystemLoadAverage(),
                            org.assertj.core.data.Offset.offset(2.0));

            double total = value(samples, "host.memory.total.bytes");
            assertThat(total).isEqualTo(system.getHardware().getMemory().getTotal());
            assertThat(value(samples, "host.memory.used.bytes")).isPositive().isLessThanOrEqualTo(total);
            assertThat(value(samples, "host.memory.used.ratio")).isBetween(0.0, 1.0);
            assertThat(value(samples, "host.swap.total.bytes")).isGreaterThanOrEqualTo(0);

            assertThat(samples)
                    .filteredOn(s -> s.name().equals("host.disk.used.ratio"))
                    .extracting(s -> s.labels().get("mount"))
                    .contains("/");
            for (var nic : system.getHardware().getNetworkIFs()) {
                assertThat(samples)
                        .as("rates of interface %s", nic.getName())
                        .anySatisfy(s -> assertThat(s.name() + s.labels())
                                .isEqualTo("host.network.receive.bytes.rate" + Map.of("interface", nic.getName())));
            }
            for (var disk : system.getHardware().getDiskStores()) {
                assertThat(samples)
                        .filteredOn(s -> s.name().equals("host.disk.read.bytes.rate"))
                        .extracting(s -> s.labels().get("disk"))
                        .contains(disk.getName());
            }
            assertThat(value(samples, "host.processes")).isGreaterThan(1);
            assertThat(value(samples, "host.threads")).isGreaterThan(1);
            assertThat(value(samples, "host.tcp.connections.established")).isGreaterThanOrEqualTo(0);
            assertThat(samples).allSatisfy(s -> {
                assertThat(Double.isFinite(s.value())).as(s.name()).isTrue();
                assertThat(s.value()).as(s.name()).isGreaterThanOrEqualTo(0);
            });
        }
    }

    private static void burnCpu(Duration time) {
        long end = System.nanoTime() + time.toNanos();
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + 1);
        }
        assertThat(x).isNotNegative();
    }

    private static double value(List<Sample> samples, String name) {
        List<Sample> matching =
                samples.stream().filter(s -> s.name().equals(name)).toList();
        assertThat(matching).as(name).hasSize(1);
        return matching.get(0).value();
    }
}
