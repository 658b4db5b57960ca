package io.pacer.server.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.javalin.http.sse.SseClient;
import io.pacer.internal.Check;
import io.pacer.internal.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's live event stream: every part of the service {@link #publish}es what happened (a collection's samples,
 * the health score, an alert transition, Kafka lag, an uploaded run) and every connected client gets it, in order.
 *
 * <p>Why a queue per client, written by that client's own request thread: a slow or stuck client must cost itself
 * only. {@link #publish} never blocks — it serializes the data once and offers the event to each client's bounded
 * queue; a client whose queue is full is disconnected (its browser reconnects with {@code Last-Event-ID} and gets the
 * missed events from the replay buffer, if they are still there). A client that just connected gets the latest event of
 * every type first, so a dashboard has something to show at once.
 */
public final class EventHub implements AutoCloseable {

    /** Events kept for clients that reconnect with {@code Last-Event-ID}. */
    public static final int DEFAULT_REPLAY = 1_024;
    /** Events one client may have waiting before it is disconnected as too slow. */
    public static final int DEFAULT_CLIENT_QUEUE = 4_096;
    /** A comment line is sent when nothing else was for this long, so proxies keep the connection open. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final ServerEvent CLOSE = new ServerEvent(0, "close", "{}");

    private final ObjectWriter writer = Json.mapper(new JsonFactory()).writer();
    private final AtomicLong ids = new AtomicLong();
    private final ArrayDeque<ServerEvent> replay = new ArrayDeque<>();
    private final Map<String, ServerEvent> latest = new LinkedHashMap<>();
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final int replayCapacity;
    private final int clientQueue;
    private final Duration heartbeat;

    public EventHub() {
        this(DEFAULT_REPLAY, DEFAULT_CLIENT_QUEUE, DEFAULT_HEARTBEAT);
    }

    public EventHub(int replayCapacity, int clientQueue, Duration heartbeat) {
        Check.atLeast("replay capacity", replayCapacity, 0);
        Check.atLeast("client queue", clientQueue, 1);
        Check.positive("heartbeat", heartbeat);
        this.replayCapacity = replayCapacity;
        this.clientQueue = clientQueue;
        this.heartbeat = heartbeat;
    }

    /**
     * Sends {@code data}, as JSON, to every client as an event of {@code type}; never blocks.
     *
     * @return the event sent
     * @throws IllegalArgumentException when {@code data} cannot be written as JSON
     */
    public ServerEvent publish(String type, Object data) {
        Check.matches(
                "event type", type, java.util.regex.Pattern.compile("[a-z][a-z0-9_.-]{0,63}"), "a lower-case word");
        String json;
        try {
            json = writer.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + type + " cannot be written as JSON: " + e.getMessage(), e);
        }
        ServerEvent event;
        synchronized (replay) {
            event = new ServerEvent(ids.incrementAndGet(), type, json);
            latest.put(type, event);
            if (replayCapacity > 0) {
                if (replay.size() == replayCapacity) {
                    replay.removeFirst();
                }
                replay.addLast(event);
            }
            for (Client c : clients) {
                c.offer(event);
            }
        }
        return event;
    }

    /** The latest event of {@code type} sent, or null. */
    public ServerEvent latest(String type) {
        synchronized (replay) {
            return latest.get(type);
        }
    }

    /** Clients connected now. */
    public int clients() {
        return clients.size();
    }

    /**
     * Serves one client on the calling (request) thread until it disconnects, falls too far behind, or the hub
     * closes: first what it missed since {@code lastEventId} (or the latest event of each type when that is null or
     * no longer held), then every event as it is published.
     */
    public void serve(SseClient sse, String lastEventId) {
        Client client = new Client(clientQueue);
        synchronized (replay) {
            if (closed.get()) {
                return;
            }
            for (ServerEvent e : missed(lastEventId)) {
                client.offer(e);
            }
            clients.add(client);
        }
        try {
            long heartbeatNanos = heartbeat.toNanos();
            while (!sse.terminated() && !client.overflowed) {
                ServerEvent event = client.queue.poll(heartbeatNanos, TimeUnit.NANOSECONDS);
                if (event == CLOSE) {
                    break;
                } else if (event == null) {
                    sse.sendComment("keep-alive");
                } else {
                    sse.sendEvent(event.type(), event.data(), Long.toString(event.id()));
                }
            }
            if (client.overflowed) {
                LOG.info("an event stream client fell {} events behind and was disconnected", clientQueue);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(client);
        }
    }

    private List<ServerEvent> missed(String lastEventId) {
        long last = -1;
        if (lastEventId != null && lastEventId.matches("\\d{1,18}")) {
            last = Long.parseLong(lastEventId);
        }
        ServerEvent oldest = replay.peekFirst();
        if (last >= 0 && last <= ids.get() && (last == ids.get() || (oldest != null && oldest.id() <= last + 1))) {
            List<ServerEvent> after = new ArrayList<>();
            for (ServerEvent e : replay) {
                if (e.id() > last) {
                    after.add(e);
                }
            }
            return after;
        }
        List<ServerEvent> snapshot = new ArrayList<>(latest.values());
        snapshot.sort(java.util.Comparator.comparingLong(ServerEvent::id));
        return snapshot;
    }

    /** Ends every client's stream (so that a graceful stop need not wait for them) and refuses new ones. */
    @Override
    public void close() {
        synchronized (replay) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            for (Client c : clients) {
                c.queue.clear();
                c.queue.offer(CLOSE);
            }
        }
    }

    private static final class Client {
        final BlockingQueue<ServerEvent> queue;
        volatile boolean overflowed;

        Client(int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity + 1);
        }

        void offer(ServerEvent event) {
            if (queue.remainingCapacity() <= 1 || !queue.offer(event)) {
                overflowed = true;
                queue.offer(CLOSE);
            }
        }
    }
}
