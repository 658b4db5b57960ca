package io.pacer.server.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.pacer.internal.Check;
import io.pacer.internal.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
 *
 * <p>Why streams are {@link #admit admitted}: each holds a request thread for as long as it is open, so at most
 * {@link #DEFAULT_MAX_STREAMS} are served at once (the rest of Jetty's threads stay free for requests), and at most
 * {@link #DEFAULT_MAX_STREAMS_PER_CALLER} per caller (API key, user, or address), so that one caller cannot take them
 * all.
 */
public final class EventHub implements AutoCloseable {

    /** Events kept for clients that reconnect with {@code Last-Event-ID}. */
    public static final int DEFAULT_REPLAY = 1_024;
    /** Events one client may have waiting before it is disconnected as too slow. */
    public static final int DEFAULT_CLIENT_QUEUE = 4_096;
    /** A comment line is sent when nothing else was for this long, so proxies keep the connection open. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    /** Streams served at once, by all callers together. */
    public static final int DEFAULT_MAX_STREAMS = 200;
    /** Streams served at once to one caller: plenty of dashboards, far fewer than {@link #DEFAULT_MAX_STREAMS}. */
    public static final int DEFAULT_MAX_STREAMS_PER_CALLER = 20;

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
    private final int maxStreams;
    private final int maxStreamsPerCaller;
    /** Streams admitted and not yet ended, by caller; guarded by itself. */
    private final Map<String, Integer> streams = new HashMap<>();

    public EventHub() {
        this(DEFAULT_REPLAY, DEFAULT_CLIENT_QUEUE, DEFAULT_HEARTBEAT);
    }

    public EventHub(int replayCapacity, int clientQueue, Duration heartbeat) {
        this(replayCapacity, clientQueue, heartbeat, DEFAULT_MAX_STREAMS, DEFAULT_MAX_STREAMS_PER_CALLER);
    }

    public EventHub(int replayCapacity, int clientQueue, Duration heartbeat, int maxStreams, int maxStreamsPerCaller) {
        Check.atLeast("replay capacity", replayCapacity, 0);
        Check.atLeast("client queue", clientQueue, 1);
        Check.positive("heartbeat", heartbeat);
        Check.atLeast("max streams", maxStreams, 1);
        Check.atLeast("max streams per caller", maxStreamsPerCaller, 1);
        this.replayCapacity = replayCapacity;
        this.clientQueue = clientQueue;
        this.heartbeat = heartbeat;
        this.maxStreams = maxStreams;
        this.maxStreamsPerCaller = maxStreamsPerCaller;
    }

    /**
     * A place for one more stream of {@code caller}; hold it while the stream is served and close it when it ends.
     *
     * @throws TooManyStreams when the caller, or all callers together, already have as many streams as allowed
     */
    public Slot admit(String caller) {
        synchronized (streams) {
            int total = streams.values().stream().mapToInt(Integer::intValue).sum();
            if (total >= maxStreams) {
                throw new TooManyStreams(false, maxStreams);
            }
            int own = streams.getOrDefault(caller, 0);
            if (own >= maxStreamsPerCaller) {
                throw new TooManyStreams(true, maxStreamsPerCaller);
            }
            streams.put(caller, own + 1);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                synchronized (streams) {
                    streams.computeIfPresent(caller, (c, n) -> n == 1 ? null : n - 1);
                }
            }
        };
    }

    /** A stream's place among those served at once, held from {@link #admit} until closed. */
    public interface Slot extends AutoCloseable {
        /** Gives the place back; idempotent. */
        @Override
        void close();
    }

    /** Thrown by {@link #admit} when a stream limit is reached. */
    public static final class TooManyStreams extends RuntimeException {
        private final boolean perCaller;
        private final int limit;

        TooManyStreams(boolean perCaller, int limit) {
            super(
                    (perCaller ? "this caller already has " : "the service already serves ") + limit + " event streams",
                    null,
                    false,
                    false);
            this.perCaller = perCaller;
            this.limit = limit;
        }

        /** Whether the caller's own limit was reached (else the limit of all callers together). */
        public boolean perCaller() {
            return perCaller;
        }

        /** The limit that was reached. */
        public int limit() {
            return limit;
        }
    }

    /** Where {@link #serve} writes one client's events; each method says false once the client is gone. */
    public interface Sink {
        boolean event(String type, String data, String id);

        boolean comment(String text);
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
    public void serve(Sink sse, String lastEventId) {
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
            boolean open = true;
            while (open && !client.overflowed) {
                ServerEvent event = client.queue.poll(heartbeatNanos, TimeUnit.NANOSECONDS);
                if (event == CLOSE) {
                    break;
                } else if (event == null) {
                    open = sse.comment("keep-alive");
                } else {
                    open = sse.event(event.type(), event.data(), Long.toString(event.id()));
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
