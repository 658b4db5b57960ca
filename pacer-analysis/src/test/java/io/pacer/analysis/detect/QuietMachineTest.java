package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.Shapes.MIB;
import static io.pacer.analysis.detect.Shapes.counter;
import static io.pacer.analysis.detect.Shapes.gauge;
import static io.pacer.analysis.detect.Shapes.heap;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Detector;
import io.pacer.analysis.Finding;
import io.pacer.monitor.store.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The property the diagnosis benchmark counts false alarms by: a busy but healthy machine — a 2-core CI box running a
 * build in bursts, a JVM sawing its heap over a flat floor after warming up, a disk taking build output and cleaning
 * it, health checks with a spike and a blip, a trickle of 5xx — yields no finding above INFO from any system
 * detector, whatever the seed places where.
 */
class QuietMachineTest {

    private static final Map<String, String> NONE = Map.of();
    private static final Map<String, String> SELF = Map.of("target", "self");
    private static final String APP = "http://127.0.0.1:9000/metrics";

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void aBusyHealthyMachineRaisesNoAlarm(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Series> s = new ArrayList<>();
        // CPU: three compile bursts covering 20..60 % of the window at random places
        double busyShare = 0.2 + r.nextDouble() * 0.4;
        double[] starts = {r.nextDouble() * 3, 3.5 + r.nextDouble() * 2, 6.5 + r.nextDouble() * 2};
        double burst = busyShare * 10 / 3;
        java.util.function.DoublePredicate busy = m -> {
            for (double b : starts) {
                if (m >= b && m < b + burst) {
                    return true;
                }
            }
            return false;
        };
        s.add(gauge("host.cpu.usage.ratio", NONE, 0.05, r.nextLong(), m -> busy.test(m) ? 0.97 : 0.3));
        s.add(gauge("host.load.1m", NONE, 0.3, r.nextLong(), m -> busy.test(m) ? 5.0 : 1.2));
        s.add(gauge("host.cpu.cores", NONE, 0, 1, m -> 2));
        double spike = r.nextDouble() * 9;
        s.add(gauge("host.cpu.steal.ratio", NONE, 0.01, r.nextLong(), m -> m >= spike && m < spike + 0.5 ? 0.2 : 0.01));
        double memory = 0.6 + r.nextDouble() * 0.25;
        s.add(gauge("host.memory.used.ratio", NONE, 0.03, r.nextLong(), m -> memory));
        s.add(gauge("host.swap.used.bytes", NONE, MIB, r.nextLong(), m -> 300 * MIB));
        // disk: build output grows by up to 1.5 % of the disk, then the build cleans most of it
        double disk = 0.4 + r.nextDouble() * 0.4;
        double clean = 6 + r.nextDouble() * 3;
        s.add(gauge(
                "host.disk.used.ratio",
                Map.of("mount", "/"),
                0.0005,
                r.nextLong(),
                m -> disk + (m < clean ? m / clean * 0.015 : 0.002)));
        s.add(gauge("host.cpu.iowait.ratio", NONE, 0.01, r.nextLong(), m -> busy.test(m) && m % 1 < 0.3 ? 0.3 : 0.02));
        // JVM: young pauses, concurrent cycles, a saw over a floor that warms up by 40 MiB then stays
        s.add(counter(
                "jvm.gc.time.seconds.total",
                Map.of("target", "self", "gc", "G1 Young Generation"),
                0.5,
                r.nextLong(),
                m -> 0.01 + r.nextDouble() * 0.03));
        s.add(counter(
                "jvm.gc.time.seconds.total",
                Map.of("target", "self", "gc", "G1 Concurrent GC"),
                0.5,
                r.nextLong(),
                m -> 0.3));
        double floor = (150 + r.nextDouble() * 250) * MIB;
        s.add(heap(
                "jvm.memory.heap.used.bytes",
                SELF,
                0.2 + r.nextDouble() * 0.8,
                (100 + r.nextDouble() * 300) * MIB,
                r.nextLong(),
                m -> floor + Math.min(m, 3) / 3 * 40 * MIB));
        s.add(gauge("jvm.memory.heap.max.bytes", SELF, 0, 1, m -> 2048 * MIB));
        // health: one failed check, two slow ones
        String health = "http://127.0.0.1:9000/health";
        double blip = r.nextDouble() * 9.9;
        s.add(gauge("health.up", Map.of("target", health), 0, 1, m -> m >= blip && m < blip + 0.03 ? 0 : 1));
        double slow1 = r.nextDouble() * 9.9;
        double slow2 = r.nextDouble() * 9.9;
        s.add(gauge(
                "health.latency.seconds",
                Map.of("target", health),
                0.005,
                r.nextLong(),
                m -> (m >= slow1 && m < slow1 + 0.03) || (m >= slow2 && m < slow2 + 0.03) ? 1.5 : 0.01));
        // HTTP: fast answers, 0.5 % 5xx; a batcher that dropped once, long ago
        double rps = 10 + r.nextDouble() * 40;
        Map<String, String> ok = Map.of("target", APP, "method", "GET", "uri", "/orders", "status", "200");
        Map<String, String> failed = Map.of("target", APP, "method", "GET", "uri", "/orders", "status", "500");
        s.add(counter("http_server_requests_seconds_count", ok, 0.3, r.nextLong(), m -> rps));
        s.add(counter("http_server_requests_seconds_sum", ok, 0.3, r.nextLong(), m -> rps * 0.03));
        s.add(counter("http_server_requests_seconds_count", failed, 0.3, r.nextLong(), m -> rps * 0.005));
        s.add(counter("http_server_requests_seconds_sum", failed, 0.3, r.nextLong(), m -> rps * 0.005 * 0.01));
        Map<String, String> batcher = Map.of("target", APP, "batcher", "orders");
        s.add(counter(
                "pacer_batcher_events_total",
                Map.of("target", APP, "batcher", "orders", "outcome", "accepted"),
                0.3,
                r.nextLong(),
                m -> 500));
        s.add(gauge(
                "pacer_batcher_events_total",
                Map.of("target", APP, "batcher", "orders", "outcome", "dropped"),
                0,
                1,
                m -> 17));
        s.add(gauge("pacer_batcher_drop_rate_ratio", batcher, 0, 1, m -> 0.00002));

        AnalysisContext context = Shapes.context(s.toArray(Series[]::new));
        List<Finding> found = new ArrayList<>();
        for (Detector d : SystemDetectors.all()) {
            found.addAll(d.detect(context));
        }
        assertThat(Shapes.alarms(found))
                .as("seed %d, busy %.2f", seed, busyShare)
                .isEmpty();
    }
}
