package io.pacer.monitor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JvmCollectorTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void ownJvmMemoryThreadsClassesAndEveryCollectorsGc() throws Exception {
        try (Collector jvm = Collectors.jvm(Duration.ofSeconds(5))) {
            assertThat(jvm.name()).isEqualTo("jvm");
            List<Sample> samples = jvm.collect(NOW);
            assertThat(value(samples, "jvm.memory.heap.used.bytes", Map.of())).isPositive();
            assertThat(value(samples, "jvm.memory.heap.committed.bytes", Map.of()))
                    .isGreaterThanOrEqualTo(value(samples, "jvm.memory.heap.used.bytes", Map.of()));
            assertThat(value(samples, "jvm.memory.nonheap.used.bytes", Map.of()))
                    .isPositive();
            assertThat(value(samples, "jvm.threads.live", Map.of())).isGreaterThanOrEqualTo(1);
            assertThat(value(samples, "jvm.classes.loaded", Map.of())).isGreaterThan(1000);
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                Map<String, String> labels = Map.of("gc", gc.getName());
                assertThat(value(samples, "jvm.gc.collections.total", labels)).isGreaterThanOrEqualTo(0);
                assertThat(value(samples, "jvm.gc.pause.max.seconds", labels)).isGreaterThanOrEqualTo(0);
            }
            assertThat(samples).allSatisfy(s -> assertThat(s.labels()).containsEntry("target", "self"));

            System.gc();
            Await.until(WAIT, "a GC pause reported by a notification", () -> maxPause(jvm.collect(NOW)) > 0);
        }
    }

    @Test
    @Timeout(90)
    void aRemoteJvmThroughJmxReportsTheSameSeriesAndItsGcPauses() throws Exception {
        int port = freePort();
        Process target = startTarget(port);
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
                PrintStream in = new PrintStream(target.getOutputStream(), true, StandardCharsets.UTF_8);
                Collector jmx = Collectors.jmx(new HostPort("127.0.0.1", port), Duration.ofSeconds(5))) {
            assertThat(out.readLine()).isEqualTo("ready");
            assertThat(jmx.name()).isEqualTo("jvm:127.0.0.1:" + port);
            List<Sample> before = jmx.collect(NOW);
            assertThat(before).allSatisfy(s -> assertThat(s.labels()).containsEntry("target", "127.0.0.1:" + port));
            assertThat(value(before, "jvm.memory.heap.used.bytes", Map.of())).isGreaterThan(10_000_000);
            double collections = value(before, "jvm.gc.collections.total", Map.of("gc", "MarkSweepCompact"));

            in.println("gc");
            assertThat(out.readLine()).isEqualTo("done 1000000");
            List<List<Sample>> seen = new ArrayList<>();
            Await.until(WAIT, "the remote full GC's pause, from its notification", () -> {
                List<Sample> now = jmx.collect(NOW);
                seen.add(now);
                return maxPause(now) > 0;
            });
            List<Sample> after = seen.get(seen.size() - 1);
            assertThat(value(after, "jvm.gc.collections.total", Map.of("gc", "MarkSweepCompact")))
                    .isGreaterThan(collections);
            assertThat(value(after, "jvm.gc.pause.max.seconds", Map.of("gc", "MarkSweepCompact")))
                    .isPositive();
        } finally {
            target.destroy();
            target.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnreachableJmxPortFailsWithTheReasonAndTheNextCollectionTriesAgain() throws Exception {
        int port = freePort();
        try (Collector jmx = Collectors.jmx(new HostPort("127.0.0.1", port), Duration.ofSeconds(5))) {
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> jmx.collect(NOW))
                        .isInstanceOf(IOException.class)
                        .hasMessageStartingWith("JMX service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi: ")
                        .hasMessageContaining("Connection refused");
            }
        }
    }

    private static double maxPause(List<Sample> samples) {
        return samples.stream()
                .filter(s -> s.name().equals("jvm.gc.pause.max.seconds"))
                .mapToDouble(Sample::value)
                .max()
                .orElse(0);
    }

    private static Process startTarget(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-Dcom.sun.management.jmxremote.port=" + port,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                        "-Djava.rmi.server.hostname=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.authenticate=false",
                        "-Dcom.sun.management.jmxremote.ssl=false",
                        "-cp",
                        System.getProperty("java.class.path"),
                        JmxTarget.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        assertThat(matching).as(name + labels).hasSize(1);
        return matching.get(0).value();
    }
}
