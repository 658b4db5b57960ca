package io.pacer.embedded;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@link EmbeddedKafka#main} as its own process, for benchmarks that keep the broker out of the measured JVM.
 *
 * <p>Standard output carries exactly one line, {@code BOOTSTRAP=host:port}, so a parent process can read it;
 * logging goes to standard error through {@value #LOG_CONFIG}, chosen before any Kafka class logs.
 */
final class StandaloneBroker {

    static final String LOG_CONFIG = "pacer-embedded-log4j2.xml";
    private static final String LOG_CONFIG_PROPERTY = "log4j2.configurationFile";

    private StandaloneBroker() {}

    static void run(String[] args) throws IOException {
        if (System.getProperty(LOG_CONFIG_PROPERTY) == null) {
            System.setProperty(LOG_CONFIG_PROPERTY, "classpath:" + LOG_CONFIG);
        }
        int port = port(args);
        EmbeddedKafka kafka = port == 0 ? EmbeddedKafka.start() : EmbeddedKafka.start(port, FreePorts.pick());
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "pacer-kafka-shutdown"));
        System.out.println("BOOTSTRAP=" + kafka.bootstrapServers());
        System.out.flush();
        drain(System.in);
        kafka.close();
        System.exit(0);
    }

    /** Parses {@code --port N}; 0 means pick a free port. */
    static int port(String[] args) {
        if (args.length == 0) {
            return 0;
        }
        if (args.length == 2 && args[0].equals("--port")) {
            try {
                int port = Integer.parseInt(args[1]);
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below with the usage
            }
        }
        throw new IllegalArgumentException("usage: EmbeddedKafka [--port N] (1..65535), but was " + String.join(" ", args));
    }

    /** Blocks until {@code in} reaches end of file: the parent closing our stdin is the signal to stop. */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) != -1) {
            // input is ignored
        }
    }
}
