package io.pacer.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One running {@code redis-server}: launched without persistence, answered PING, stopped. */
final class RedisProcess {

    static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path log;
    /** Kills the server if the JVM exits without closing it, so no redis-server outlives its test run. */
    private final Thread killOnExit;

    private RedisProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "pacer-redis-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts {@code binary} on {@code port} with {@code dir} as working directory and waits until it answers PING.
     *
     * @throws IllegalStateException with the server's own output when it exits or stays silent
     */
    static RedisProcess start(Path binary, int port, Path dir) {
        Path log = dir.resolve("redis-" + port + ".log");
        List<String> command = List.of(
                binary.toString(),
                "--port",
                String.valueOf(port),
                "--bind",
                HOST,
                "--protected-mode",
                "no",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                dir.toString());
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + binary + ": " + e.getMessage(), e);
        }
        RedisProcess redis = new RedisProcess(process, log);
        try {
            Waits.until(READY_TIMEOUT, "redis-server on port " + port + " to answer PING", () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            binary + " exited with " + process.exitValue() + ": " + redis.output());
                }
                return pong(port);
            });
        } catch (RuntimeException e) {
            redis.stop();
            throw e;
        }
        return redis;
    }

    /** Terminates the server (SIGTERM, then SIGKILL if it lingers) and waits for it to exit. */
    void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it kills the server too
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** What the server printed, for failure messages. */
    String output() {
        try {
            return Files.exists(log)
                    ? Files.readString(log, StandardCharsets.UTF_8).strip()
                    : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean pong(int port) {
        try {
            return "PONG".equals(Resp.call(HOST, port, "PING"));
        } catch (IOException notYet) {
            return false;
        }
    }
}
