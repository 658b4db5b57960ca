package io.pacer.monitor.alert;

import io.pacer.internal.Check;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how a {@link WebhookNotifier} posts. Delivery is retried on a connection error, a timeout, 429 and 5xx,
 * waiting {@code initialBackoff}, then twice as long each time up to {@code maxBackoff}, for at most
 * {@code maxAttempts} attempts; any other answer but 2xx is a failure at once (the receiver refused the body).
 *
 * @param url an {@code http} or {@code https} URL
 * @param headers sent with every post, e.g. {@code Authorization}; may be empty
 * @param queueCapacity notifications waiting for delivery at most; one more is dropped, counted and logged
 * @param timeout for connecting and for each request
 * @param initialBackoff the wait before the first retry
 * @param maxBackoff the longest wait between retries
 * @param maxAttempts attempts per notification, the first included
 */
public record WebhookConfig(
        URI url,
        Map<String, String> headers,
        int queueCapacity,
        Duration timeout,
        Duration initialBackoff,
        Duration maxBackoff,
        int maxAttempts) {

    public static final int DEFAULT_QUEUE_CAPACITY = 1000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(1);
    /** Eight attempts: the last about two minutes after the first with the default backoff. */
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    public WebhookConfig {
        Check.that(
                url != null
                        && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                        && url.getHost() != null,
                "webhook url",
                "an http or https URL such as https://hooks.example.com/pacer",
                url == null ? null : url.toString());
        headers = Check.stringMap("webhook headers", headers == null ? Map.of() : headers);
        Check.range("queueCapacity", queueCapacity, 1, 1_000_000);
        Check.positive("timeout", timeout);
        Check.positive("initialBackoff", initialBackoff);
        Check.atLeast("maxBackoff", maxBackoff, initialBackoff);
        Check.range("maxAttempts", maxAttempts, 1, 100);
    }

    /** Posts to {@code url} with the defaults. */
    public static WebhookConfig of(URI url) {
        return new WebhookConfig(
                url,
                Map.of(),
                DEFAULT_QUEUE_CAPACITY,
                DEFAULT_TIMEOUT,
                DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF,
                DEFAULT_MAX_ATTEMPTS);
    }

    public WebhookConfig withHeaders(Map<String, String> value) {
        return new WebhookConfig(url, value, queueCapacity, timeout, initialBackoff, maxBackoff, maxAttempts);
    }

    public WebhookConfig withQueueCapacity(int value) {
        return new WebhookConfig(url, headers, value, timeout, initialBackoff, maxBackoff, maxAttempts);
    }

    public WebhookConfig withTimeout(Duration value) {
        return new WebhookConfig(url, headers, queueCapacity, value, initialBackoff, maxBackoff, maxAttempts);
    }

    public WebhookConfig withRetries(Duration initial, Duration max, int attempts) {
        return new WebhookConfig(url, headers, queueCapacity, timeout, initial, max, attempts);
    }
}
