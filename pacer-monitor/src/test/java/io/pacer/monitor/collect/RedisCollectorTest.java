package io.pacer.monitor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.metrics.Histograms;
import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.testing.RedisExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class RedisCollectorTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static HostPort address;

    @BeforeAll
    static void connect(EmbeddedRedis redis) {
        client = RedisClient.create(redis.uri());
        connection = client.connect();
        address = new HostPort(redis.host(), redis.port());
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Test
    void knownHitsAndMissesGiveTheHitRatioAndTheServersFiguresArrive() throws Exception {
        RedisCommands<String, String> redis = connection.sync();
        redis.flushall();
        redis.configSet("maxmemory", "104857600");
        try {
            redis.configResetstat();
            redis.set("present", "v");
            for (int i = 0; i < 3; i++) {
                assertThat(redis.get("present")).isEqualTo("v"); // hits
            }
            assertThat(redis.get("absent")).isNull(); // a miss
            List<Sample> samples;
            try (Collector collector = Collectors.redis(address, Duration.ofSeconds(5))) {
                samples = collector.collect(NOW);
            }
            assertThat(value(samples, "redis.keyspace.hits.total")).isEqualTo(3);
            assertThat(value(samples, "redis.keyspace.misses.total")).isEqualTo(1);
            assertThat(value(samples, "redis.keyspace.hit.ratio")).isEqualTo(0.75);
            assertThat(value(samples, "redis.memory.max.bytes")).isEqualTo(104857600);
            assertThat(value(samples, "redis.memory.used.ratio"))
                    .isEqualTo(value(samples, "redis.memory.used.bytes") / 104857600);
            assertThat(value(samples, "redis.memory.fragmentation.ratio")).isPositive();
            assertThat(value(samples, "redis.clients.connected")).isGreaterThanOrEqualTo(2); // the test and us
            assertThat(value(samples, "redis.evicted.keys.total")).isZero();
            assertThat(samples).anySatisfy(s -> {
                assertThat(s.name()).isEqualTo("redis.keys");
                assertThat(s.labels()).containsEntry("db", "db0");
                assertThat(s.value()).isEqualTo(1);
            });
            Sample ping = samples.stream()
                    .filter(s -> s.name().equals("redis.ping.latency.seconds"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Histograms.decode(ping.histogram()).getTotalCount()).isEqualTo(1);
            assertThat(samples).allSatisfy(s -> assertThat(s.labels()).containsEntry("target", address.toString()));
        } finally {
            redis.configSet("maxmemory", "0");
        }
    }

    @Test
    void slowlogEntriesAreCountedOnceWithTheSlowestCommand() throws Exception {
        RedisCommands<String, String> redis = connection.sync();
        try (Collector collector = Collectors.redis(address, Duration.ofSeconds(5))) {
            redis.slowlogReset();
            collector.collect(NOW); // sees the log empty (its own commands are fast)
            redis.configSet("slowlog-log-slower-than", "0"); // every command is slow now
            try {
                redis.keys("*");
            } finally {
                redis.configSet("slowlog-log-slower-than", "10000");
            }
            List<Sample> first = collector.collect(NOW);
            assertThat(value(first, "redis.slowlog.new")).isGreaterThanOrEqualTo(2); // KEYS and CONFIG SET at least
            assertThat(first)
                    .filteredOn(s -> s.name().equals("redis.slowlog.command.max.seconds"))
                    .extracting(s -> s.labels().get("command"))
                    .contains("KEYS");
            assertThat(value(first, "redis.slowlog.length")).isEqualTo(value(first, "redis.slowlog.new"));
            List<Sample> second = collector.collect(NOW);
            assertThat(value(second, "redis.slowlog.new")).isZero();
            assertThat(value(second, "redis.slowlog.max.seconds")).isZero();
        }
    }

    @Test
    void garbageInsteadOfRespFailsWithWhatArrived() throws Exception {
        try (FakeServer fake = new FakeServer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
            assertThatThrownBy(() -> collectFrom(fake))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("PING: not a RESP reply")
                    .hasMessageContaining("what arrived: 'HTTP/1.1 400 Bad Request\\r\\n'");
        }
    }

    @Test
    void anInfoReplyCutShortFailsWithWhatArrived() throws Exception {
        String cut = "$5000\r\n# Server\r\nredis_version:7.2.4\r\n";
        try (FakeServer fake = new FakeServer("+PONG\r\n", cut)) {
            assertThatThrownBy(() -> collectFrom(fake))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("INFO: the reply was cut short")
                    .hasMessageContaining("what arrived: '$5000\\r\\n# Server\\r\\nredis_version:7.2.4\\r\\n'");
        }
    }

    @Test
    void anInfoReplyWithoutTheStandardFieldsFailsWithWhatArrived() throws Exception {
        String text = "hello: world";
        try (FakeServer fake = new FakeServer("+PONG\r\n", "$" + text.length() + "\r\n" + text + "\r\n")) {
            assertThatThrownBy(() -> collectFrom(fake))
                    .hasMessageContaining("the INFO reply has no used_memory: 'hello: world'");
        }
    }

    @Test
    void aMinimalInfoIsEnoughAndAnUnreadableOptionalFieldIsLeftOut() throws Exception {
        String info = "used_memory:1024\r\nconnected_clients:3\r\nkeyspace_hits:9\r\nkeyspace_misses:1\r\n"
                + "mem_fragmentation_ratio:nan\r\n";
        try (FakeServer fake =
                        new FakeServer("+PONG\r\n", "$" + info.length() + "\r\n" + info + "\r\n", ":0\r\n", "*0\r\n");
                Collector collector = Collectors.redis(new HostPort("127.0.0.1", fake.port()), Duration.ofSeconds(5))) {
            List<Sample> samples = collector.collect(NOW);
            assertThat(value(samples, "redis.keyspace.hit.ratio")).isEqualTo(0.9);
            assertThat(value(samples, "redis.memory.used.bytes")).isEqualTo(1024);
            assertThat(value(samples, "redis.slowlog.new")).isZero();
            assertThat(samples).noneMatch(s -> s.name().equals("redis.memory.fragmentation.ratio"));
        }
    }

    @Test
    void aServerThatRefusesSlowlogIsStillCollectedAndSaysWhatIsMissing() throws Exception {
        String info = "used_memory:1024\r\nconnected_clients:3\r\nkeyspace_hits:1\r\n";
        try (FakeServer fake = new FakeServer(
                        "+PONG\r\n",
                        "$" + info.length() + "\r\n" + info + "\r\n",
                        "-ERR unknown command 'SLOWLOG'\r\n");
                Collector collector = Collectors.redis(new HostPort("127.0.0.1", fake.port()), Duration.ofSeconds(5))) {
            List<Sample> samples = collector.collect(NOW);
            assertThat(value(samples, "redis.memory.used.bytes")).isEqualTo(1024);
            assertThat(samples).noneMatch(s -> s.name().startsWith("redis.slowlog."));
            assertThat(((Noted) collector).notes())
                    .containsExactly("no SLOWLOG figures: the server refused SLOWLOG"
                            + " (Redis error: ERR unknown command 'SLOWLOG')");
        }
    }

    private static void collectFrom(FakeServer fake) throws Exception {
        try (Collector collector = Collectors.redis(new HostPort("127.0.0.1", fake.port()), Duration.ofSeconds(5))) {
            collector.collect(NOW);
        }
    }

    private static double value(List<Sample> samples, String name) {
        List<Sample> matching =
                samples.stream().filter(s -> s.name().equals(name)).toList();
        assertThat(matching).as(name).hasSize(1);
        return matching.get(0).value();
    }

    /** A server that answers each command it is sent with the next scripted reply, then closes the connection. */
    static final class FakeServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        FakeServer(String... replies) throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(
                    () -> {
                        try (Socket s = socket.accept()) {
                            InputStream in = s.getInputStream();
                            OutputStream out = s.getOutputStream();
                            byte[] buffer = new byte[4096];
                            for (String reply : replies) {
                                if (in.read(buffer) < 0) {
                                    return;
                                }
                                out.write(reply.getBytes(StandardCharsets.UTF_8));
                                out.flush();
                            }
                        } catch (IOException e) {
                            // the test is over
                        }
                    },
                    "fake-redis");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5_000);
        }
    }
}
