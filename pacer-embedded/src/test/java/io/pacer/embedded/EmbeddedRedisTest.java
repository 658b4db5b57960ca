package io.pacer.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class EmbeddedRedisTest {

    /** One server for the class; a test that stops it restarts it. */
    private static EmbeddedRedis redis;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @Test
    void answersPingSetAndGetOverRawResp() throws IOException {
        assertThat(redis.host()).isEqualTo("127.0.0.1");
        assertThat(redis.port()).isNotEqualTo(6379);
        assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
        assertThat(exchange(redis.port(), "*1\r\n$4\r\nPING\r\n", 7)).isEqualTo("+PONG\r\n");
        assertThat(exchange(redis.port(), "*3\r\n$3\r\nSET\r\n$5\r\npacer\r\n$4\r\nfast\r\n", 5))
                .isEqualTo("+OK\r\n");
        assertThat(exchange(redis.port(), "*2\r\n$3\r\nGET\r\n$5\r\npacer\r\n", 10))
                .isEqualTo("$4\r\nfast\r\n");
    }

    @Test
    void stopRefusesConnectionsAndRestartAnswersOnTheSamePort() throws IOException {
        int port = redis.port();
        redis.stop();
        assertThatThrownBy(() -> exchange(port, "*1\r\n$4\r\nPING\r\n", 7)).isInstanceOf(ConnectException.class);
        redis.restart();
        assertThat(redis.port()).isEqualTo(port);
        assertThat(exchange(port, "*1\r\n$4\r\nPING\r\n", 7)).isEqualTo("+PONG\r\n");
    }

    @Test
    void twoServersGetDifferentPorts() throws IOException {
        try (EmbeddedRedis other = EmbeddedRedis.start()) {
            assertThat(other.port()).isNotEqualTo(redis.port());
            assertThat(Resp.call(other.host(), other.port(), "PING")).isEqualTo("PONG");
        }
    }

    @Test
    void closeIsIdempotentAndStopsTheServer() throws IOException {
        EmbeddedRedis redis = EmbeddedRedis.start();
        int port = redis.port();
        redis.close();
        redis.close();
        assertThatThrownBy(() -> exchange(port, "*1\r\n$4\r\nPING\r\n", 7)).isInstanceOf(ConnectException.class);
        assertThatThrownBy(redis::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void prefersTheRedisServerOnPath() {
        Path expected =
                RedisBinary.onPath().orElseGet(() -> RedisBinary.fromJar().orElseThrow());
        assertThat(redis.binary()).isEqualTo(expected);
    }

    /** Pins the fallback used where no redis-server is installed: the binary inside the embedded-redis jar. */
    @Test
    void binaryShippedInTheEmbeddedRedisJarRuns(@TempDir Path dir) throws IOException {
        Path binary = RedisBinary.fromJar()
                .orElseThrow(() -> new AssertionError(
                        "no redis-server for this OS/CPU in the embedded-redis jar; " + RedisBinary.HOW_TO_GET_ONE));
        int port = FreePorts.pick();
        RedisProcess process = RedisProcess.start(binary, port, dir);
        try {
            assertThat(Resp.call("127.0.0.1", port, "PING")).isEqualTo("PONG");
        } finally {
            process.stop();
        }
    }

    /** Writes a raw RESP request and reads exactly {@code replyBytes} bytes of reply. */
    private static String exchange(int port, String request, int replyBytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(replyBytes), StandardCharsets.US_ASCII);
        }
    }
}
