package io.pacer.load.http;

import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Sends one request per operation with the JDK's asynchronous {@link HttpClient}: one client, one selector thread
 * and {@link #EXECUTOR_THREADS} completion threads serve every user, so a thousand requests in flight cost a
 * thousand connections, not a thousand threads. Thread-safe.
 */
final class HttpDriver implements Driver {

    /** Threads that complete requests for all users (parsing responses, running completion stages). */
    static final int EXECUTOR_THREADS =
            Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    static final String THREAD_PREFIX = "pacer-http-";
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final HttpSettings settings;
    private final Endpoint[] endpoints;
    private final BodyTemplate body;
    private ExecutorService executor;
    private HttpClient client;

    /** One target: its prepared request (reused when there is no body) and its label. */
    private record Endpoint(HttpRequest request, String label) {}

    HttpDriver(HttpSettings settings) {
        this.settings = settings;
        this.body = settings.bodyTemplate() == null ? null : BodyTemplate.parse(settings.bodyTemplate());
        List<String> labels = labels(settings.method(), settings.urls());
        this.endpoints = new Endpoint[settings.urls().size()];
        for (int i = 0; i < endpoints.length; i++) {
            endpoints[i] = new Endpoint(request(settings.urls().get(i)).build(), labels.get(i));
        }
    }

    @Override
    public void open() {
        executor = Executors.newFixedThreadPool(EXECUTOR_THREADS, daemonThreads());
        client = HttpClient.newBuilder()
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .version(settings.version())
                .build();
    }

    @Override
    public CompletionStage<Outcome> start(Call call) {
        Endpoint endpoint = endpoints[(int) Math.floorMod(call.sequence(), (long) endpoints.length)];
        HttpRequest request = body == null
                ? endpoint.request()
                : HttpRequest.newBuilder(endpoint.request(), (n, v) -> true)
                        .method(
                                settings.method(),
                                BodyPublishers.ofByteArray(
                                        body.render(call.sequence(), call.user(), System.currentTimeMillis())))
                        .build();
        return client.sendAsync(request, ByteCounter.HANDLER)
                .handle((response, failure) -> failure == null
                        ? outcome(response, endpoint.label())
                        : Outcome.failed(unwrap(failure).getClass().getSimpleName())
                                .withLabel(endpoint.label()));
    }

    @Override
    public String describe() {
        return "http " + settings.method() + " "
                + settings.urls().stream().map(URI::toString).collect(Collectors.joining(" ")) + " "
                + settings.version();
    }

    /**
     * Stops the completion threads; the JDK 17 client has no {@code close()}, its selector thread ends once the
     * client is unreachable.
     */
    @Override
    public void close() {
        client = null;
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** 2xx is ok; 3xx (never followed) and 4xx/5xx are failures, each counted under its status code. */
    private static Outcome outcome(HttpResponse<Long> response, String label) {
        int status = response.statusCode();
        return new Outcome(status >= 200 && status < 300, Integer.toString(status), label, 1, response.body());
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private HttpRequest.Builder request(URI url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .method(settings.method(), BodyPublishers.noBody());
        settings.headers().forEach(builder::header);
        return builder;
    }

    /**
     * Empty for one endpoint; otherwise {@code "METHOD /path?query"}, or with the host and port as well when paths
     * alone would not tell the endpoints apart.
     */
    static List<String> labels(String method, List<URI> urls) {
        if (urls.size() == 1) {
            return List.of("");
        }
        List<String> byPath =
                urls.stream().map(u -> method + " " + pathAndQuery(u)).collect(Collectors.toList());
        if (new HashSet<>(byPath).size() == new HashSet<>(urls).size()) {
            return byPath;
        }
        return urls.stream()
                .map(u -> method + " " + u.getRawAuthority() + pathAndQuery(u))
                .collect(Collectors.toList());
    }

    private static String pathAndQuery(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, THREAD_PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
