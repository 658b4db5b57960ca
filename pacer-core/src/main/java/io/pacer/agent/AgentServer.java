package io.pacer.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pacer.batch.Batcher;
import io.pacer.cache.CacheSnapshot;
import io.pacer.cache.TieredCache;
import io.pacer.internal.Json;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.tune.TunablesDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** {@link PacerAgent} on the JDK's HTTP server: a bounded pool of daemon threads, every request authenticated. */
final class AgentServer implements PacerAgent {

    /** Requests waiting for a thread; beyond these the connection is closed. */
    static final int QUEUE = 32;
    /** The thread names start with this, then the port. */
    static final String THREAD_PREFIX = "pacer-agent-";

    private static final String TUNABLES = BASE_PATH + "/tunables";
    private static final String SNAPSHOT = BASE_PATH + "/snapshot";
    private static final String JSON_TYPE = "application/json";
    private static final String PROBLEM_TYPE = "application/problem+json";

    private final PacerAgentConfig config;
    private final AgentTunables tunables;
    private final byte[] secretDigest;
    private final Map<String, Supplier<BatcherSnapshot>> batchers = new ConcurrentSkipListMap<>();
    private final Map<String, Supplier<CacheSnapshot>> caches = new ConcurrentSkipListMap<>();
    private final HttpServer server;
    private final ThreadPoolExecutor threads;
    private final URI uri;
    private volatile boolean running = true;

    private AgentServer(PacerAgentConfig config, TunablesDirectory directory, HttpServer server) {
        this.config = config;
        this.tunables = new AgentTunables(directory);
        this.secretDigest = digest(config.secret());
        this.server = server;
        int port = server.getAddress().getPort();
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(
                config.threads(),
                config.threads(),
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, THREAD_PREFIX + port + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy()); // the JDK server closes a connection it cannot hand over
        this.uri = URI.create("http://" + hostInUri(server.getAddress()) + ":" + port);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    static AgentServer start(PacerAgentConfig config, TunablesDirectory directory) {
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw new IllegalStateException("the Pacer agent could not listen on " + config.host()
                    + ": no such address here (the default " + PacerAgentConfig.DEFAULT_HOST + " is loopback)");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the Pacer agent could not listen on " + config.host() + ":" + config.port() + ": " + e.getMessage()
                            + " (choose another port, or 0 for any free one)",
                    e);
        }
        AgentServer agent = new AgentServer(config, directory, server);
        server.start();
        return agent;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public PacerAgent watch(Batcher<?> batcher) {
        String namespace = batcher.tunables().namespace();
        batchers.put(namespace.substring(namespace.indexOf('.') + 1), batcher::snapshot);
        return this;
    }

    @Override
    public PacerAgent watch(TieredCache<?, ?> cache) {
        caches.put(cache.name(), cache::snapshot);
        return this;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("pacer.agent.info", this, a -> a.running ? 1 : 0)
                .strongReference(true)
                .tag("url", uri.toString())
                .description("the Pacer agent of this application (1 while it runs): its url is where the monitoring"
                        + " service reads and changes the application's tunables")
                .register(registry);
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        server.stop(0);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(1, TimeUnit.SECONDS)) {
                threads.shutdownNow();
                threads.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PacerAgent[" + uri + "]";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            try {
                authenticate(exchange);
                send(exchange, 200, JSON_TYPE, route(exchange, path));
            } catch (AgentProblem problem) {
                if (problem.status() == 401) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"pacer-agent\"");
                }
                send(exchange, problem.status(), PROBLEM_TYPE, problem.body(path));
            } catch (RuntimeException e) {
                AgentProblem problem = new AgentProblem(500, "Internal Server Error", "the agent failed: " + e);
                send(exchange, 500, PROBLEM_TYPE, problem.body(path));
            }
        } catch (IOException | UncheckedIOException e) {
            // the client went away: nothing to tell it
        } finally {
            exchange.close();
        }
    }

    private JsonNode route(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (path.equals(TUNABLES)) {
            allow(exchange, method, "GET");
            return tunables.list();
        }
        if (path.startsWith(TUNABLES + "/") && path.length() > TUNABLES.length() + 1) {
            String name = path.substring(TUNABLES.length() + 1);
            if (method.equals("GET")) {
                return tunables.one(name);
            }
            allow(exchange, method, "GET", "PUT", "POST");
            return tunables.set(name, body(exchange));
        }
        if (path.equals(SNAPSHOT)) {
            allow(exchange, method, "GET");
            return snapshot();
        }
        throw AgentProblem.notFound("no route " + path + ": the agent serves GET " + TUNABLES + ", GET and PUT "
                + TUNABLES + "/{qualifiedName}, and GET " + SNAPSHOT);
    }

    private static void allow(HttpExchange exchange, String method, String... allowed) {
        if (!List.of(allowed).contains(method)) {
            String list = String.join(", ", allowed);
            exchange.getResponseHeaders().set("Allow", list);
            throw new AgentProblem(405, "Method Not Allowed", method + " is not allowed here: use " + list);
        }
    }

    private JsonNode snapshot() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", Instant.now());
        body.put("batchers", read(batchers));
        body.put("caches", read(caches));
        try {
            return Json.valueReader(JsonNode.class)
                    .readTree(Json.valueWriter(Map.class).writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <S> Map<String, Object> read(Map<String, Supplier<S>> sources) {
        Map<String, Object> out = new LinkedHashMap<>();
        sources.forEach((name, source) -> {
            try {
                out.put(name, source.get());
            } catch (RuntimeException e) {
                out.put(name, Map.of("error", String.valueOf(e.getMessage())));
            }
        });
        return out;
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null
                && length.trim().matches("\\d{1,18}")
                && Long.parseLong(length.trim()) > config.maxBodyBytes()) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(config.maxBodyBytes() + 1);
        }
        if (bytes.length > config.maxBodyBytes()) {
            throw tooLarge();
        }
        try {
            JsonNode node = Json.valueReader(JsonNode.class).readTree(bytes);
            return node == null ? JsonNodeFactory.instance.missingNode() : node;
        } catch (JsonProcessingException e) {
            throw AgentProblem.badRequest(
                    "the body must be a JSON object such as {\"value\": 100}, but did not parse: " + firstLine(e));
        }
    }

    private AgentProblem tooLarge() {
        return new AgentProblem(
                413, "Content Too Large", "the body must be at most " + config.maxBodyBytes() + " bytes");
    }

    private void authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            throw new AgentProblem(
                    401, "Unauthorized", "the agent needs its secret: send Authorization: Bearer <secret>");
        }
        boolean bearer = header.regionMatches(true, 0, "Bearer ", 0, 7);
        byte[] given = digest(bearer ? header.substring(7).strip() : "");
        if (!bearer | !MessageDigest.isEqual(given, secretDigest)) {
            throw new AgentProblem(401, "Unauthorized", "the secret does not match the agent's");
        }
    }

    /** SHA-256 of the text: equal-length digests, compared in constant time, do not tell the secret's length. */
    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, JsonNode body) throws IOException {
        byte[] bytes = Json.valueWriter(JsonNode.class).writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String hostInUri(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String firstLine(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
