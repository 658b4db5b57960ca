package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.Alert;
import io.pacer.monitor.alert.AlertState;
import io.pacer.monitor.alert.SeriesKey;
import io.pacer.monitor.alert.Severity;
import io.pacer.monitor.collect.CollectorHealth;
import io.pacer.monitor.health.HealthScore;
import io.pacer.monitor.live.MonitorView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal table's sections, from a view built by hand (the plain line and summary run in MonitorCliTest). */
class MonitorTableTest {
    private static final Instant AT = Instant.parse("2026-11-29T10:00:30Z");

    @Test
    void theTableShowsHostJvmTargetsAlertsAndTheHealthDeductions() {
        List<Sample> latest = List.of(
                Sample.of("host.cpu.usage.ratio", Map.of(), AT, 0.234),
                Sample.of("host.memory.used.ratio", Map.of(), AT, 0.5),
                Sample.of("host.load.1m", Map.of(), AT, 1.25),
                Sample.of("jvm.memory.heap.used.bytes", Map.of("target", "self"), AT, 120e6),
                Sample.of("jvm.memory.heap.max.bytes", Map.of("target", "self"), AT, 512e6),
                Sample.of("jvm.gc.collections.total", Map.of("target", "self", "gc", "G1 Young Generation"), AT, 7),
                Sample.of("jvm.gc.collections.total", Map.of("target", "self", "gc", "G1 Old Generation"), AT, 1),
                Sample.of("collector.up", Map.of("collector", "redis:10.0.0.9:6379"), AT, 0));
        Alert cpu = new Alert(
                "host-cpu",
                new SeriesKey("host.cpu.usage.ratio", Map.of()),
                AlertState.PENDING,
                Severity.CRITICAL,
                0.9,
                0.85,
                AT.minusSeconds(20),
                null,
                null);
        MonitorView view = new MonitorView(
                AT,
                List.of(
                        new CollectorHealth(
                                "host", CollectorHealth.State.UP, AT, Duration.ofMillis(12), 40, null, 3, 0, 0, null),
                        new CollectorHealth(
                                "redis:10.0.0.9:6379",
                                CollectorHealth.State.DOWN,
                                AT,
                                Duration.ofMillis(3),
                                0,
                                "ConnectException: Connection refused",
                                3,
                                3,
                                0,
                                null)),
                latest,
                List.of(),
                List.of(cpu),
                HealthScore.ofDefaults().score(latest, List.of(cpu)),
                1234,
                1,
                0);

        List<String> table = MonitorTable.table(view, Duration.ofSeconds(30), Duration.ofMinutes(2));

        assertThat(table.get(0)).contains("10:00:30 UTC").contains("30s of 2m").contains("1,234 samples");
        assertThat(table)
                .contains("HOST     cpu 23.4 %  memory 50.0 %  load 1.25")
                .contains("JVM      self       heap 120 MB / 512 MB  gc 8 collections, 0 s")
                .anyMatch(l -> l.matches(" +UP +host +12ms, 40 samples"))
                .anyMatch(l -> l.matches(" +DOWN +redis:10\\.0\\.0\\.9:6379 +ConnectException: Connection refused"))
                .anyMatch(l -> l.contains("PENDING critical host-cpu") && l.contains("= 0.9 (threshold 0.85)"))
                .anyMatch(l -> l.matches(" +redis +50/100"))
                .anyMatch(l -> l.contains("-50") && l.contains("collector.up{collector=\"redis:10.0.0.9:6379\"}"));
        assertThat(MonitorTable.criticalFiring(view))
                .as("pending is not firing")
                .isFalse();
    }
}
