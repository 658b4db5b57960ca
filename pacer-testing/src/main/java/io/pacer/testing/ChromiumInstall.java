package io.pacer.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure Debian's {@code chromium} and {@code chromium-driver} are installed, installing them with apt-get when
 * they are absent: a browser test never skips because the machine lacks a browser. Once per JVM; apt's own lock
 * (waited for, not failed on) serialises JVMs that install at the same time.
 */
final class ChromiumInstall {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final long INSTALL_TIMEOUT_MINUTES = 15;

    private static boolean checked;

    private ChromiumInstall() {}

    /** Returns once both binaries are executable; installs them first when they are not. */
    static synchronized void ensure() {
        if (checked || present()) {
            checked = true;
            return;
        }
        List<String> sudo = isRoot() ? List.of() : List.of("sudo", "-n");
        run(sudo, List.of("apt-get", "-o", "DPkg::Lock::Timeout=600", "update"));
        run(
                sudo,
                List.of(
                        "apt-get",
                        "-o",
                        "DPkg::Lock::Timeout=600",
                        "install",
                        "-y",
                        "--no-install-recommends",
                        "chromium",
                        "chromium-driver"));
        if (!present()) {
            throw new IllegalStateException("apt-get installed chromium and chromium-driver, but " + BROWSER + " or "
                    + DRIVER + " is still not executable");
        }
        checked = true;
    }

    private static boolean present() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> prefix, List<String> command) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(command);
        try {
            Path log = Files.createTempFile("pacer-apt-", ".log");
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", full) + " did not finish within " + INSTALL_TIMEOUT_MINUTES + " min");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed with exit code "
                        + process.exitValue() + " (install chromium and chromium-driver by hand, or run the tests "
                        + "as root); its output:\n" + tail(log));
            }
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run " + String.join(" ", full) + " to install chromium and chromium-driver: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing chromium", e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
