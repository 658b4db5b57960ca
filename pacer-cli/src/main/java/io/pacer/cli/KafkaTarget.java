package io.pacer.cli;

import io.pacer.embedded.EmbeddedKafka;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap}: the Kafka cluster to test. Without it, Pacer starts an in-process broker so a newcomer can
 * run any Kafka command at once; the broker lives until the command ends.
 */
final class KafkaTarget implements AutoCloseable {

    @Option(
            names = {"--bootstrap", "-b"},
            paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Kafka bootstrap servers. Default: start an embedded single-node broker for this run.")
    String bootstrap;

    private EmbeddedKafka embedded;

    /** The servers to use, starting the embedded broker on first call when none were given. */
    String servers(PrintWriter err) {
        if (bootstrap != null) {
            if (bootstrap.isBlank() || !bootstrap.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*")) {
                throw new UsageException(
                        "--bootstrap '" + bootstrap + "' must be HOST:PORT[,HOST:PORT...], e.g. 127.0.0.1:9092");
            }
            return bootstrap;
        }
        if (embedded == null) {
            err.println("pacer: no --bootstrap given: starting an embedded Kafka broker for this run...");
            embedded = EmbeddedKafka.start();
            err.println("pacer: embedded broker at " + embedded.bootstrapServers());
        }
        return embedded.bootstrapServers();
    }

    boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
