package io.pacer.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.testing.Await;
import io.pacer.testing.RedisExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract against a real Redis: each event is one stream entry with one field, {@code e}; one stream per
 * test, read back with XRANGE. The poison is an event that maps to no fields, which XADD cannot carry. Plus the
 * cases only a networked server has: a key of the wrong type, trimming, and the server going away and back.
 */
@ExtendWith(RedisExtension.class)
class RedisStreamSinkTest extends BatchSinkContractTest<String> {

    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static final Function<String, Map<String, String>> FIELDS =
            event -> event.isEmpty() ? Map.of() : Map.of("e", event);

    private static EmbeddedRedis redis;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    private String stream;

    @BeforeAll
    static void redis(EmbeddedRedis embedded) {
        redis = embedded;
        client = RedisClient.create(redis.uri());
        connection = client.connect();
        connection.setTimeout(TIMEOUT);
    }

    @AfterAll
    static void closeClient() {
        connection.close();
        client.shutdown();
    }

    private static RedisCommands<String, String> redisCommands() {
        return connection.sync();
    }

    private String newStream() {
        stream = "sink-test-" + STREAMS.incrementAndGet();
        return stream;
    }

    @Override
    protected BatchSink<String> newSink() {
        return Sinks.redisStream(redis.uri(), newStream(), FIELDS);
    }

    @Override
    protected String event(int i) {
        return "event-" + i;
    }

    @Override
    protected String poison() {
        return "";
    }

    /** XADD is acknowledged only once the entry is in the stream, so there is nothing to wait for. */
    @Override
    protected List<String> readBack(int expected, Duration timeout) {
        return redisCommands().xrange(stream, Range.create("-", "+")).stream()
                .map(StreamMessage::getBody)
                .map(body -> body.get("e"))
                .toList();
    }

    @Test
    void aKeyOfTheWrongTypeFailsEveryEventPermanently() throws Exception {
        BatchSink<String> sink = open();
        redisCommands().set(stream, "not a stream");

        BatchResult result = await(sink.deliver(events(0, 3)));

        assertThat(result.failures()).hasSize(3).allSatisfy(failure -> {
            assertThat(failure.cause())
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageStartingWith("WRONGTYPE");
            assertThat(sink.isRetriable(failure.cause())).isFalse();
        });
        assertThat(redisCommands().get(stream)).isEqualTo("not a stream");
    }

    @Test
    void maxLengthTrimsTheStreamApproximately() throws Exception {
        BatchSink<String> sink = Sinks.redisStream(
                redis.uri(), RedisStreamSettings.of(newStream()).withMaxLength(100), FIELDS);
        try {
            for (int b = 0; b < 10; b++) {
                assertThat(await(sink.deliver(events(b * 100, 100))).allDelivered())
                        .isTrue();
            }
            List<String> kept = readBack(0, TIMEOUT);
            assertThat(kept.size()).isBetween(100, 999);
            assertThat(kept.get(kept.size() - 1)).as("the newest entry stays").isEqualTo("event-999");
        } finally {
            sink.close();
        }
    }

    @Test
    void aBorrowedClientIsLeftOpen() throws Exception {
        BatchSink<String> sink = Sinks.redisStream(client, RedisStreamSettings.of(newStream()), FIELDS);
        assertThat(await(sink.deliver(events(0, 2))).allDelivered()).isTrue();

        sink.close();

        try (StatefulRedisConnection<String, String> another = client.connect()) {
            assertThat(another.sync().xlen(stream)).isEqualTo(2);
        }
    }

    /**
     * Redis holds the replies (CLIENT PAUSE): the batch fails within the sink's timeout, retriably, rather
     * than waiting for the server. The XADDs were sent, so Redis may still apply them later: a retry may
     * duplicate, as at-least-once allows.
     */
    @Test
    void unansweredAppendsFailRetriablyAfterTheTimeout() throws Exception {
        Duration sinkTimeout = Duration.ofMillis(300);
        BatchSink<String> sink = Sinks.redisStream(
                redis.uri(), RedisStreamSettings.of(newStream()).withTimeout(sinkTimeout), FIELDS);
        try {
            redisCommands().clientPause(2_000);
            long start = System.nanoTime();

            BatchResult result = await(sink.deliver(events(0, 3)));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
            assertThat(result.failures()).hasSize(3).allSatisfy(failure -> {
                assertThat(failure.cause()).isInstanceOf(RedisCommandTimeoutException.class);
                assertThat(sink.isRetriable(failure.cause())).isTrue();
            });
        } finally {
            sink.close();
        }
    }

    @Test
    void anUnreachableServerFailsWhenTheSinkIsCreated() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> Sinks.redisStream("redis://127.0.0.1:" + deadPort, "s", FIELDS))
                .isInstanceOf(RedisConnectionException.class);
    }

    @Test
    void retriableMeansConnectionTroubleOrAPassingServerState() throws Exception {
        BatchSink<String> sink = open();

        assertThat(sink.isRetriable(new RedisConnectionException("refused"))).isTrue();
        assertThat(sink.isRetriable(new RedisCommandTimeoutException("slow"))).isTrue();
        assertThat(sink.isRetriable(new RedisException("Connection closed"))).isTrue();
        assertThat(sink.isRetriable(new RedisCommandExecutionException("LOADING Redis is loading")))
                .isTrue();
        assertThat(sink.isRetriable(new RedisCommandExecutionException("OOM command not allowed")))
                .isTrue();
        assertThat(sink.isRetriable(new RedisCommandExecutionException("WRONGTYPE Operation against a key")))
                .isFalse();
        assertThat(sink.isRetriable(new RedisCommandExecutionException("ERR wrong number of arguments")))
                .isFalse();
        assertThat(sink.isRetriable(new IllegalArgumentException("no fields"))).isFalse();
    }

    /**
     * The server goes away: a batch fails within the sink's timeout (as a whole, or event by event) and every
     * failure is retriable. The server comes back on the same port: the same sink delivers again once its client
     * has reconnected, which the test polls for with a deadline.
     */
    @Test
    void aServerThatGoesAwayFailsBatchesRetriablyAndTheSinkRecoversWhenItReturns() throws Exception {
        Duration sinkTimeout = Duration.ofSeconds(2);
        BatchSink<String> sink = Sinks.redisStream(
                redis.uri(), RedisStreamSettings.of(newStream()).withTimeout(sinkTimeout), FIELDS);
        try {
            assertThat(await(sink.deliver(events(0, 3))).allDelivered()).isTrue();

            redis.stop();
            try {
                long start = System.nanoTime();
                var stage = sink.deliver(events(3, 3)).toCompletableFuture();
                assertThatFailedRetriably(
                        sink,
                        stage.handle((result, failure) -> failure != null ? failure : result)
                                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(sinkTimeout.plusSeconds(3));
            } finally {
                redis.restart();
            }

            List<String> batch = events(100, 5);
            Await.until(
                    TIMEOUT,
                    "the sink delivers again after the restart",
                    () -> await(sink.deliver(batch)).allDelivered());
            List<String> held = readBack(batch.size(), TIMEOUT);
            assertThat(held.subList(Math.max(0, held.size() - batch.size()), held.size()))
                    .containsExactlyElementsOf(batch);
        } finally {
            sink.close();
        }
    }

    private static void assertThatFailedRetriably(BatchSink<String> sink, Object outcome) {
        if (outcome instanceof BatchResult result) {
            assertThat(result.failures())
                    .as("every event failed")
                    .hasSize(3)
                    .allSatisfy(failure -> assertThat(sink.isRetriable(failure.cause()))
                            .as("retriable: %s", failure.cause())
                            .isTrue());
        } else {
            Throwable failure = outcome instanceof ExecutionException e ? e.getCause() : (Throwable) outcome;
            assertThat(sink.isRetriable(failure)).as("retriable: %s", failure).isTrue();
        }
    }
}
