package io.pacer.monitor.alert;

/**
 * Tells someone about an alert that fired, changed severity or resolved. The engine calls it on its evaluation
 * thread, so an implementation must return at once: one that does I/O queues the work for a thread of its own (as
 * {@link #webhook} does). An exception is logged by the engine and costs this notification only.
 */
public interface Notifier extends AutoCloseable {

    /** Handles one notifiable transition ({@link AlertTransition#notifiable()}). */
    void notify(AlertTransition transition);

    /** Stops the notifier; one that queues delivers what it can first. The default holds nothing. */
    @Override
    default void close() {}

    /** Logs through SLF4J (logger {@code io.pacer.monitor.alert}): WARN when an alert fires, INFO when it resolves. */
    static Notifier log() {
        return LogNotifier.INSTANCE;
    }

    /** Posts each transition as JSON to a URL on a thread of its own; see {@link WebhookNotifier}. */
    static WebhookNotifier webhook(WebhookConfig config) {
        return new HttpWebhookNotifier(config);
    }
}
