package io.pacer.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private {@code redis-server} process on a free loopback port (never 6379), without persistence, for tests
 * and demos. It uses the {@code redis-server} on {@code PATH} when there is one, else the binary shipped in
 * {@code com.github.codemonstur:embedded-redis}.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the port, so a test can take Redis away mid-run and bring it back
 * where clients expect it. A restarted server starts empty.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final int START_ATTEMPTS = 3;

    private final Path binary;
    private final int port;
    private final Path dir;
    private RedisProcess process;
    private boolean closed;

    private EmbeddedRedis(Path binary, int port, Path dir, RedisProcess process) {
        this.binary = binary;
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /**
     * Starts a server and returns once it answers PING.
     *
     * @throws IllegalStateException when no redis-server binary runs here, saying how to get one
     */
    public static EmbeddedRedis start() {
        List<Path> binaries = RedisBinary.candidates();
        List<String> failures = new ArrayList<>();
        for (Path binary : binaries) {
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = FreePorts.pick();
                Path dir = TempDirs.create("pacer-redis-");
                try {
                    return new EmbeddedRedis(binary, port, dir, RedisProcess.start(binary, port, dir));
                } catch (RuntimeException e) {
                    TempDirs.deleteRecursively(dir);
                    failures.add(e.getMessage());
                    if (!String.valueOf(e.getMessage()).contains("Address already in use")) {
                        break; // this binary does not run here: try the next one
                    }
                }
            }
        }
        throw new IllegalStateException("no redis-server could be started; " + RedisBinary.HOW_TO_GET_ONE
                + (failures.isEmpty() ? "" : ". Tried: " + String.join(" | ", failures)));
    }

    public String host() {
        return RedisProcess.HOST;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:port}, as Lettuce and most clients take it. */
    public String uri() {
        return "redis://" + host() + ":" + port;
    }

    /** Shuts the server down; the port stays reserved for {@link #restart()}. Does nothing if already stopped. */
    public synchronized void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    /** Stops the server if it runs, then starts an empty one on the same port and waits until it answers PING. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("EmbeddedRedis on port " + port + " is closed");
        }
        stop();
        process = RedisProcess.start(binary, port, dir);
    }

    /** The executable in use, from {@code PATH} or extracted from the embedded-redis jar. */
    Path binary() {
        return binary;
    }

    /** Stops the server and deletes its directory; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }
}
