package io.pacer.cli;

import io.pacer.cli.demo.Demo;
import io.pacer.cli.demo.DemoSchedule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pacer demo}: see everything at once. An embedded broker, a sample pipeline on Pacer's library under changing
 * load with faults on a schedule, and the service collecting all of it, with its dashboard; Ctrl-C stops it in order
 * and says whether every event arrived ({@link Demo}).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "See everything at once: an embedded Kafka broker, a sample pipeline built on Pacer's batcher (breaker,"
                    + " disk spool) and tiered cache under load that changes over time, a consumer group, and faults"
                    + " injected in a loop (sink outage, slow consumer, load spike), all collected by the service with"
                    + " its dashboard at http://localhost:PORT/dashboard.",
            "Ctrl-C stops everything in order: load, pipeline (drained), consumer, service, broker. Exit 0 when every"
                    + " accepted event arrived, 1 when some did not, 2 for bad usage."
        },
        footer = {
            "",
            "Examples:",
            "  pacer demo",
            "  pacer demo --speed 4 --port 9000",
            "",
            "What each fault shows and how to read the dashboard: README.md, section 'pacer demo'."
        })
final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Object console = new Object();

    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8420",
            description = "Port of the service and dashboard, on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the spool and the service's store live, kept after the demo (default: a fresh"
                    + " temporary directory, deleted when the demo stops).")
    Path dataDir;

    @Option(
            names = "--speed",
            paramLabel = "FACTOR",
            defaultValue = "1",
            description = "Run the fault schedule this many times faster, 1 to 8 (default ${DEFAULT-VALUE}: a"
                    + " cycle of outage, slow consumer and spike every 105 s).")
    double speed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port must be between 0 and 65535, but was " + port);
        }
        if (!(speed >= 1 && speed <= DemoSchedule.MAX_SPEED)) {
            throw new UsageException(
                    "--speed must be between 1 and " + (int) DemoSchedule.MAX_SPEED + ", but was " + speed);
        }
        requireFree(port);
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("pacer-demo-");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("--data-dir " + dir + " cannot be created: " + e.getMessage());
        }
        Demo demo;
        try {
            demo = Demo.start(Demo.Options.of(port, dir, speed), line -> say(out, line));
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new UsageException(Problems.oneLine(e));
        }
        Demo.Summary summary;
        CountDownLatch stop = new CountDownLatch(1);
        try (StopOnSignal signals = StopOnSignal.install(
                stop::countDown, "stopping the load, draining the pipeline, then the service", out)) {
            banner(out, demo);
            stop.await();
        } finally {
            summary = demo.stop();
            if (dataDir == null) {
                deleteQuietly(dir); // ours: a fresh temporary directory
            }
        }
        say(
                out,
                "stopped. accepted " + summary.accepted() + " events, delivered " + summary.delivered()
                        + ", consumed " + summary.consumed() + ", undelivered " + summary.undelivered()
                        + (summary.lossless() ? ": none lost" : ": SOME WERE LOST"));
        return summary.lossless() ? ExitCode.OK : ExitCode.FAILED_RUN;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory: the system cleans it up in the end
        }
    }

    /** Before starting a broker for nothing: the port must be free. */
    private static void requireFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UsageException("--port " + port + " is in use on 127.0.0.1 (" + e.getMessage()
                    + "): stop what uses it or choose another port, e.g. --port 8421");
        }
    }

    private void banner(PrintWriter out, Demo demo) {
        synchronized (console) {
            printBanner(out, demo);
        }
    }

    private void printBanner(PrintWriter out, Demo demo) {
        DemoSchedule schedule = DemoSchedule.ofSpeed(speed);
        out.println();
        out.println("  Pacer demo is running. Open the dashboard:");
        out.println();
        out.println("      " + demo.dashboard());
        out.println();
        if (demo.signInKey() != null) {
            out.println("  Sign in with this key (shown once; it is the service's admin key):");
            out.println();
            out.println("      " + demo.signInKey());
        } else {
            out.println("  Sign in with the key the first demo run in this --data-dir printed (its admin key).");
        }
        out.println();
        out.println("  API: " + demo.uri() + "/openapi.json   Service metrics: " + demo.uri() + "/metrics");
        out.println("  Every " + schedule.cycle().toSeconds() + " s: a sink outage ("
                + schedule.outage().toSeconds()
                + " s), a slow consumer (" + schedule.slowConsumer().toSeconds() + " s) and a load spike ("
                + schedule.spike().toSeconds() + " s). Ctrl-C stops everything.");
        out.println();
        out.flush();
    }

    private static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return s == Math.rint(s) ? (long) s + " s" : String.format(Locale.ROOT, "%.1f s", s);
    }

    /** One line with the time; never inside the banner (the load thread narrates while it is printed). */
    private void say(PrintWriter out, String line) {
        synchronized (console) {
            out.println(LocalTime.now().format(TIME) + "  " + line);
            out.flush();
        }
    }
}
