package io.pacer.sink;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Appends each event of a batch to a Redis stream with one pipelined round of {@code XADD}s and reports,
 * per event, what Redis answered. Created by {@link Sinks#redisStream}; see there for the contract.
 *
 * <p>Notes: the sink opens a dedicated connection and turns its auto-flush off, queues one {@code XADD}
 * per event, then flushes them in one write. A connection with auto-flush off must be used by one thread at a
 * time; {@link BatchSink} promises exactly that ({@code deliver} comes from the flusher only), so the
 * connection is never shared. Replies arrive on Lettuce's I/O thread in order; an event whose reply has not
 * come within {@link RedisStreamSettings#timeout()} fails with {@link RedisCommandTimeoutException} and its
 * command is cancelled; Redis may still apply an XADD it had already received, so a retry can duplicate
 * (at-least-once). When the connection is down at {@code deliver}, nothing is sent and the stage fails
 * at once with {@link RedisConnectionException}; Lettuce keeps reconnecting in the background.
 */
final class RedisStreamSink<T> implements BatchSink<T> {

    /** Server error prefixes that describe a passing state, worth retrying (see the Redis error replies). */
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of("LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "MASTERDOWN", "READONLY", "NOREPLICAS", "OOM");

    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> commands;
    private final RedisClient ownedClient;
    private final ClientResources ownedResources;
    private final ScheduledExecutorService timer;
    private final RedisStreamSettings settings;
    private final XAddArgs xaddArgs;
    private final Function<? super T, ? extends Map<String, String>> fields;
    private volatile boolean closed;

    private RedisStreamSink(
            RedisClient client,
            boolean ownsClient,
            ClientResources ownedResources,
            RedisStreamSettings settings,
            Function<? super T, ? extends Map<String, String>> fields) {
        this.settings = settings;
        this.fields = fields;
        this.ownedClient = ownsClient ? client : null;
        this.ownedResources = ownedResources;
        this.connection = client.connect();
        this.connection.setAutoFlushCommands(false);
        this.commands = connection.async();
        this.timer = client.getResources().eventExecutorGroup();
        this.xaddArgs = settings.maxLength() == RedisStreamSettings.NO_TRIM
                ? null
                : new XAddArgs().maxlen(settings.maxLength()).approximateTrimming();
    }

    /** Opens a dedicated connection on the caller's client, which the sink leaves open on close. */
    static <T> RedisStreamSink<T> on(
            RedisClient client,
            RedisStreamSettings settings,
            Function<? super T, ? extends Map<String, String>> fields) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(fields, "fields");
        return new RedisStreamSink<>(client, false, null, settings, fields);
    }

    /**
     * Creates its own client, tuned for a batching sink: commands are rejected while disconnected (the batcher
     * retries, so nothing piles up in Lettuce), reconnect backs off from 10 ms to 1 s, commands time out after
     * the settings' timeout. Connects now: an unreachable server fails here, with {@link RedisConnectionException}.
     */
    static <T> RedisStreamSink<T> owning(
            String uri, RedisStreamSettings settings, Function<? super T, ? extends Map<String, String>> fields) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(fields, "fields");
        RedisURI redisUri = RedisURI.create(uri);
        ClientResources resources = ClientResources.builder()
                .ioThreadPoolSize(1)
                .computationThreadPoolSize(1)
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources, redisUri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .build());
        try {
            return new RedisStreamSink<>(client, true, resources, settings, fields);
        } catch (RuntimeException failure) {
            client.shutdown();
            resources.shutdown();
            throw failure;
        }
    }

    @Override
    public CompletionStage<BatchResult> deliver(List<T> batch) {
        if (closed) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("Redis stream sink for " + settings.streamKey() + " is closed"));
        }
        if (!connection.isOpen()) {
            return CompletableFuture.failedFuture(new RedisConnectionException(
                    "not connected to Redis; no XADD to " + settings.streamKey() + " was sent"));
        }
        BatchOutcome outcome = new BatchOutcome(batch.size());
        List<RedisFuture<String>> replies = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            replies.add(append(batch.get(i), i, outcome));
        }
        connection.flushCommands();
        for (int i = 0; i < replies.size(); i++) {
            RedisFuture<String> reply = replies.get(i);
            if (reply != null) {
                int index = i;
                reply.whenComplete((id, failure) -> outcome.report(index, failure));
            }
        }
        if (!outcome.result().isDone()) {
            ScheduledFuture<?> deadline = timer.schedule(
                    () -> expire(replies, outcome), settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            outcome.result().whenComplete((result, failure) -> deadline.cancel(false));
        }
        return outcome.result();
    }

    /** Queues one XADD; a mapping that throws or yields no fields is the event's failure, and nothing is sent. */
    private RedisFuture<String> append(T event, int index, BatchOutcome outcome) {
        try {
            Map<String, String> body = fields.apply(event);
            if (body == null || body.isEmpty()) {
                throw new IllegalArgumentException("event at index " + index + " maps to no stream fields: " + body);
            }
            return xaddArgs == null
                    ? commands.xadd(settings.streamKey(), body)
                    : commands.xadd(settings.streamKey(), xaddArgs, body);
        } catch (RuntimeException failure) {
            outcome.report(index, failure);
            return null;
        }
    }

    private void expire(List<RedisFuture<String>> replies, BatchOutcome outcome) {
        for (int i = 0; i < replies.size(); i++) {
            if (!outcome.isReported(i)) {
                outcome.report(
                        i,
                        new RedisCommandTimeoutException(
                                "XADD to " + settings.streamKey() + " not answered within " + settings.timeout()));
                replies.get(i).cancel(false);
            }
        }
    }

    /**
     * {@code true} for connection trouble and timeouts, and for server errors that describe a passing state
     * (LOADING, BUSY, TRYAGAIN, CLUSTERDOWN, MASTERDOWN, READONLY, NOREPLICAS, OOM); {@code false} for other
     * server errors (WRONGTYPE, ERR ...), events that map to no fields, and use after close.
     */
    @Override
    public boolean isRetriable(Throwable failure) {
        Throwable t = BatchOutcome.unwrap(failure);
        if (t instanceof RedisCommandExecutionException) {
            String message = String.valueOf(t.getMessage());
            int space = message.indexOf(' ');
            return TRANSIENT_ERRORS.contains(space < 0 ? message : message.substring(0, space));
        }
        return t instanceof RedisException || t instanceof TimeoutException;
    }

    /** Closes the connection, and the client when the sink created it. Unanswered XADDs fail. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connection.close();
        if (ownedClient != null) {
            ownedClient.shutdown();
        }
        if (ownedResources != null) {
            ownedResources.shutdown();
        }
    }

    @Override
    public String toString() {
        return "RedisStreamSink[stream=" + settings.streamKey() + ", maxLength=" + settings.maxLength()
                + (ownedClient != null ? ", owns client]" : "]");
    }
}
