package io.pacer.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@link EmbeddedKafka#main} as its own process, for benchmarks that keep the broker out of the measured JVM.
 *
 * <p>Standard output carries exactly one line, {@code BOOTSTRAP=host:port}, so a parent process can read it;
 * logging goes to standard error through {@value #LOG_CONFIG}, chosen before any Kafka class logs.
 */
final class StandaloneBroker {

    static final String LOG_CONFIG = "pacer-embedded-log4j2.xml";
    static final String USAGE = "usage: EmbeddedKafka [--port N] [--ignore-stdin]";
    private static final String LOG_CONFIG_PROPERTY = "log4j2.configurationFile";

    private StandaloneBroker() {}

    /**
     * Command-line options.
     *
     * @param port the client port, 0 to pick a free one
     * @param ignoreStdin run until terminated rather than until stdin ends: a shell starting the broker in the
     *     background without job control gives it {@code /dev/null} as stdin, which would stop it at once
     */
    record Options(int port, boolean ignoreStdin) {

        static Options parse(String... args) {
            int port = 0;
            boolean ignoreStdin = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--ignore-stdin")) {
                    ignoreStdin = true;
                } else if (args[i].equals("--port") && i + 1 < args.length) {
                    port = parsePort(args[++i]);
                } else {
                    throw new IllegalArgumentException(USAGE + ", but was: " + String.join(" ", args));
                }
            }
            return new Options(port, ignoreStdin);
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("--port must be 1..65535, but was " + value);
        }
    }

    static void run(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args);
        if (System.getProperty(LOG_CONFIG_PROPERTY) == null) {
            System.setProperty(LOG_CONFIG_PROPERTY, "classpath:" + LOG_CONFIG);
        }
        EmbeddedKafka kafka =
                options.port() == 0 ? EmbeddedKafka.start() : EmbeddedKafka.start(options.port(), FreePorts.pick());
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "pacer-kafka-shutdown"));
        System.out.println("BOOTSTRAP=" + kafka.bootstrapServers());
        System.out.flush();
        if (options.ignoreStdin()) {
            new CountDownLatch(1).await(); // until SIGTERM: the shutdown hook closes the broker
        }
        drain(System.in);
        kafka.close();
        System.exit(0);
    }

    /** Blocks until {@code in} reaches end of file: the parent closing our stdin is the signal to stop. */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) != -1) {
            // input is ignored
        }
    }
}
