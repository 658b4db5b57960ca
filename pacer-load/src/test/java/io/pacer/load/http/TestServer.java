package io.pacer.load.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server (the JDK's) on a free loopback port. A handler may answer at once or later from another
 * thread ({@link #later}): an exchange stays open until answered, so held requests do not occupy server threads.
 */
final class TestServer implements AutoCloseable {

    /** Handles one exchange; answering it (now or later) is its job. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static final int BACKLOG = 4096;
    private final HttpServer server;
    /** Prefix of every thread the server runs on, so tests can tell them from the client's. */
    static final String THREAD_PREFIX = "test-server-";

    private static final AtomicInteger THREADS = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(4, TestServer::thread);
    /** Answers held requests later for every server; a daemon, shared by the whole test run. */
    private static final ScheduledExecutorService SCHEDULER =
            Executors.newSingleThreadScheduledExecutor(TestServer::thread);

    private TestServer(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            } catch (IOException | RuntimeException e) {
                respond(exchange, 500, e.toString()); // shows up in the test's outcome, not in a log
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    private static Thread thread(Runnable task) {
        Thread thread = new Thread(task, THREAD_PREFIX + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    static TestServer start(Handler handler) throws IOException {
        return new TestServer(handler);
    }

    /** The address of {@code path} on this server. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Runs {@code answer} after {@code delayNanos}, without holding a server thread meanwhile. */
    static void later(long delayNanos, Runnable answer) {
        SCHEDULER.schedule(answer, delayNanos, TimeUnit.NANOSECONDS);
    }

    static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void respond(HttpExchange exchange, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (exchange;
                OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
