package io.pacer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prometheus' {@code promtool}, for tests that check what Pacer exposes or exports. Taken from Debian's
 * {@code prometheus} package without installing it (no service is started): {@code apt-get download} and
 * {@code dpkg -x} into a cache directory the first time ({@code ~/.cache/pacer-testing/promtool}), reused after.
 */
public final class Promtool {

    /** What {@code promtool} said. */
    public record Result(int exitCode, String output) {}

    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "pacer-testing", "promtool");

    private Promtool() {}

    /** The promtool binary: Debian's when installed, else the cached copy, fetched on first use. */
    public static synchronized Path binary() {
        Path installed = Path.of("/usr/bin/promtool");
        if (Files.isExecutable(installed)) {
            return installed;
        }
        Path cached = CACHE.resolve("promtool");
        if (Files.isExecutable(cached)) {
            return cached;
        }
        try {
            Files.createDirectories(CACHE);
            Path work = Files.createTempDirectory(CACHE, "download-");
            if (run(work, List.of("apt-get", "download", "prometheus")).exitCode() != 0) {
                run(work, List.of("apt-get", "update", "-q"));
                Result retry = run(work, List.of("apt-get", "download", "prometheus"));
                if (retry.exitCode() != 0) {
                    throw new IllegalStateException("apt-get download prometheus failed: " + retry.output());
                }
            }
            Path deb;
            try (Stream<Path> files = Files.list(work)) {
                deb = files.filter(p -> p.toString().endsWith(".deb"))
                        .findFirst()
                        .orElseThrow();
            }
            Result extract = run(
                    work,
                    List.of("dpkg", "-x", deb.toString(), work.resolve("x").toString()));
            if (extract.exitCode() != 0) {
                throw new IllegalStateException("dpkg -x failed: " + extract.output());
            }
            Files.move(work.resolve("x/usr/bin/promtool"), cached, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(work);
            return cached;
        } catch (IOException e) {
            throw new UncheckedIOException("could not fetch promtool into " + CACHE, e);
        }
    }

    /** {@code promtool check metrics < file}: exit code 0 when the text exposition format passes, lint included. */
    public static Result checkMetrics(Path file) {
        try {
            Process process = new ProcessBuilder(binary().toString(), "check", "metrics")
                    .redirectInput(file.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool check metrics did not finish in 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Result run(Path dir, List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
