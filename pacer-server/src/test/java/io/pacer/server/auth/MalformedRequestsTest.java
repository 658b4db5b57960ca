package io.pacer.server.auth;

import static io.pacer.server.auth.TestServer.ADMIN_KEY;
import static io.pacer.server.auth.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import io.pacer.server.SecurityConfig;
import io.pacer.server.http.ApiRoute;
import io.pacer.testing.Await;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 malformed requests over raw sockets (fixed seed): none is answered with a 5xx, threads and connections go back
 * to where they were, and the service still answers. Routes come from the registry at test time, so every route
 * merged later is hammered too.
 *
 * <p>One 5xx is the protocol's own answer rather than a failure: 505 (HTTP Version Not Supported), which Jetty's
 * parser gives a request line claiming a version other than HTTP/1.x (RFC 9110 §15.6.6). It is accepted for exactly
 * those requests and no others.
 */
class MalformedRequestsTest {

    private static final int REQUESTS = 10_000;
    private static final int CONCURRENCY = 8;
    private static final long SEED = 13;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void tenThousandMalformedRequestsGetNo5xxLeakNothingAndTheServiceStillAnswers(@TempDir Path dir) throws Exception {
        // Rate limits high enough that requests reach the handlers; sign-ins keep their default (they are slow).
        SecurityConfig security = SecurityConfig.DEFAULTS.withRateLimits(100_000_000, 100_000_000, 10);
        try (TestServer service = TestServer.start(dir, security)) {
            int port = service.server.port();
            // Not the event stream: with valid credentials it streams until the client leaves, as it should.
            List<ApiRoute> routes = service.server.routes().stream()
                    .filter(r -> !r.eventStream())
                    .toList();
            warmUp(port);
            try (java.net.Socket open = new java.net.Socket("127.0.0.1", port)) {
                Await.until(
                        Duration.ofSeconds(10),
                        "the connection count sees an open connection",
                        () -> connections(port) >= 1);
            }
            int threadsBefore = threads();
            long filesBefore = openFiles();

            MalformedRequests requests = new MalformedRequests(routes, SEED, ADMIN_KEY);
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < CONCURRENCY; t++) {
                workers.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < REQUESTS; ) {
                        MalformedRequests.Request request = requests.request(i);
                        try {
                            int status =
                                    RawHttp.send(port, request.bytes(), 20_000).status();
                            statuses.computeIfAbsent(status, s -> new AtomicInteger())
                                    .incrementAndGet();
                            if (status >= 500 && !(status == 505 && request.unknownVersion())) {
                                failures.add(status + " for " + request.description());
                            }
                        } catch (IOException e) {
                            failures.add("no answer ("
                                    + e.getMessage().lines().findFirst().orElse("") + ") for " + request.description());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(150, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(failures).as("statuses %s", new TreeMap<>(statuses)).isEmpty();
            assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum())
                    .isEqualTo(REQUESTS);
            assertThat(statuses)
                    .as("handlers were reached, not only the access check")
                    .containsKeys(400, 401, 404);

            Await.until(
                    Duration.ofSeconds(30),
                    "no connection to the server left open",
                    () -> connections(port),
                    n -> n == 0,
                    () -> "");
            Await.until(
                    Duration.ofSeconds(30),
                    "threads back to the baseline of " + threadsBefore,
                    MalformedRequestsTest::threads,
                    n -> n <= threadsBefore + 4,
                    () -> "");
            Await.until(
                    Duration.ofSeconds(30),
                    "open files back to the baseline of " + filesBefore,
                    MalformedRequestsTest::openFiles,
                    n -> n <= filesBefore + 8,
                    () -> "");

            expect(200, service.send("GET", "/api/session", ADMIN_KEY, null));
            boolean hasHealth = routes.stream().anyMatch(r -> r.path().equals("/health"));
            if (hasHealth) {
                assertThat(service.send("GET", "/health", null, null).statusCode())
                        .isEqualTo(200);
            }
        }
    }

    /** Well-formed requests at twice the test's concurrency, so the server's thread pool has grown before the count. */
    private static void warmUp(int port) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY * 2);
        List<Future<RawHttp.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(pool.submit(() -> RawHttp.send(
                    port,
                    "GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN_KEY
                            + "\r\nConnection: close\r\n\r\n")));
        }
        for (Future<RawHttp.Answer> a : answers) {
            assertThat(a.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long openFiles() {
        return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
    }

    /** TCP connections on the server's port that are still open (established, or closed by the client only). */
    private static int connections(int port) throws IOException {
        String local = String.format(":%04X ", port);
        int open = 0;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && (f[1] + " ").endsWith(local) && (f[3].equals("01") || f[3].equals("08"))) {
                    open++;
                }
            }
        }
        return open;
    }
}
