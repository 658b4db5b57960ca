package io.pacer.monitor.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.pacer.internal.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Notifier#webhook}: a bounded queue and one daemon delivery thread using the JDK HTTP client.
 *
 * <p>Notes. Backoff waits on {@code closing}, so {@link #close()} cuts a wait short instead of sleeping it out; after
 * close begins each queued notification gets one attempt, and the thread gets one request timeout in all.
 */
final class HttpWebhookNotifier implements WebhookNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final ObjectWriter WRITER = Json.valueWriter(WebhookPayload.class);
    private static final int BODY_SAMPLE = 200;

    private final WebhookConfig config;
    private final BlockingQueue<AlertTransition> queue;
    private final HttpClient client;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    HttpWebhookNotifier(WebhookConfig config) {
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.thread = new Thread(this::run, "pacer-webhook " + config.url().getHost());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void notify(AlertTransition t) {
        if (closing.getCount() == 0 || !queue.offer(t)) {
            long n = dropped.incrementAndGet();
            LOG.warn(
                    "webhook {}: {}, dropped the notification of alert {} {} on {} ({} dropped so far)",
                    config.url(),
                    closing.getCount() == 0 ? "closed" : "queue full (" + config.queueCapacity() + ")",
                    t.rule(),
                    t.to(),
                    t.series(),
                    n);
        }
    }

    @Override
    public Stats stats() {
        return new Stats(delivered.get(), retried.get(), failed.get(), dropped.get(), queue.size());
    }

    @Override
    public void close() {
        closing.countDown();
        try {
            thread.join(config.timeout().toMillis() + 100);
            thread.interrupt();
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<AlertTransition> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            dropped.addAndGet(left.size());
            LOG.warn("webhook {}: closed with {} notifications undelivered", config.url(), left.size());
        }
    }

    @Override
    public String toString() {
        return "webhook " + config.url();
    }

    private void run() {
        while (true) {
            AlertTransition t;
            try {
                t = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (t == null) {
                if (closing.getCount() == 0) {
                    return;
                }
                continue;
            }
            try {
                deliver(t);
            } catch (InterruptedException e) {
                dropped.incrementAndGet();
                LOG.warn("webhook {}: closed while delivering alert {} {}", config.url(), t.rule(), t.to());
                return;
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                LOG.warn("webhook {} failed on alert {} {}: {}", config.url(), t.rule(), t.to(), e.toString());
            }
        }
    }

    private void deliver(AlertTransition t) throws InterruptedException {
        HttpRequest request = request(t);
        Duration backoff = config.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            String problem;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    delivered.incrementAndGet();
                    return;
                }
                problem = "HTTP " + status + " " + sample(response.body());
                if (status != 429 && status < 500) {
                    failed.incrementAndGet();
                    LOG.warn(
                            "webhook {} refused alert {} {} on {}: {}",
                            config.url(),
                            t.rule(),
                            t.to(),
                            t.series(),
                            problem);
                    return;
                }
            } catch (IOException e) {
                problem = e.toString();
            }
            boolean last = attempt >= config.maxAttempts() || closing.getCount() == 0;
            if (last) {
                failed.incrementAndGet();
                LOG.warn(
                        "webhook {} gave up on alert {} {} on {} after {} attempts: {}",
                        config.url(),
                        t.rule(),
                        t.to(),
                        t.series(),
                        attempt,
                        problem);
                return;
            }
            retried.incrementAndGet();
            LOG.debug("webhook {} attempt {} failed ({}), retrying in {}", config.url(), attempt, problem, backoff);
            closing.await(backoff.toNanos(), TimeUnit.NANOSECONDS);
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
        }
    }

    private HttpRequest request(AlertTransition t) {
        byte[] body;
        try {
            body = WRITER.writeValueAsBytes(WebhookPayload.of(t));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook body of " + t, e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(config.url())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "pacer-alerts");
        config.headers().forEach(b::header);
        return b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static String sample(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= BODY_SAMPLE ? "'" + oneLine + "'" : "'" + oneLine.substring(0, BODY_SAMPLE) + "…'";
    }
}
