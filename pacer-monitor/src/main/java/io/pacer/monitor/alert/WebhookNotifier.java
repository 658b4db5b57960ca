package io.pacer.monitor.alert;

/**
 * Posts each notifiable transition as one JSON {@link WebhookPayload} to a URL. {@link #notify} only queues (a bounded
 * queue, {@link WebhookConfig#queueCapacity()}); one thread of its own delivers in order, retrying as
 * {@link WebhookConfig} says. So a slow or dead receiver never holds up evaluation or collection: when the queue is
 * full the new notification is dropped, counted in {@link Stats#dropped()} and logged at WARN. {@link #close()} gives
 * the queue one request timeout to drain (no more retries), then counts what is left as dropped.
 */
public interface WebhookNotifier extends Notifier {

    /** What happened to the notifications so far. */
    Stats stats();

    /**
     * @param delivered answered 2xx
     * @param retried attempts that were retried
     * @param failed given up on: refused (4xx but 429) or out of attempts
     * @param dropped never attempted: the queue was full, or the notifier closed
     * @param queued waiting now
     */
    record Stats(long delivered, long retried, long failed, long dropped, int queued) {}
}
