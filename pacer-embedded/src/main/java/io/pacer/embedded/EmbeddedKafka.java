package io.pacer.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A single-node Kafka (broker and KRaft controller in one, no ZooKeeper, no Docker) inside this JVM, on loopback,
 * for tests, the demo and zero-setup benchmarks.
 *
 * <p>{@link #start()} returns once the broker answers clients: under a second in a warm JVM, several seconds for the
 * first broker of a cold JVM (class loading), more still on a busy machine. Internal topics use replication
 * factor 1, the first consumer-group rebalance is not delayed, and topics are created on first use (one
 * partition). To create a topic that an idempotent producer may write to at once, use pacer-core's
 * {@code io.pacer.kafka.KafkaSetup} (the test fixtures' {@code io.pacer.testing.Topics} does so for this broker).
 * {@link #close()} stops the broker and deletes its log directory. {@link #main} runs one as its own process.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    private final Path logDir;
    private final KRaftBroker broker;
    private final Admin admin;
    private boolean closed;

    private EmbeddedKafka(Path logDir, KRaftBroker broker) {
        this.logDir = logDir;
        this.broker = broker;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "pacer-embedded-admin"));
    }

    /**
     * Starts a broker on two free loopback ports (client and controller) with a fresh temporary log directory.
     *
     * @throws IllegalStateException when the broker does not start or does not answer within 30 s
     */
    public static EmbeddedKafka start() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int[] ports = FreePorts.pick(2);
            try {
                return start(ports[0], ports[1]);
            } catch (RuntimeException e) {
                if (!KRaftBroker.isBindFailure(e)) {
                    throw e;
                }
                last = e; // another process took a port between picking and binding: pick again
            }
        }
        throw new IllegalStateException(
                "could not bind Kafka to free loopback ports in " + START_ATTEMPTS + " attempts", last);
    }

    /** Starts a broker whose clients connect to {@code brokerPort}. */
    static EmbeddedKafka start(int brokerPort, int controllerPort) {
        Path logDir = TempDirs.create("pacer-kafka-");
        KRaftBroker broker = null;
        EmbeddedKafka kafka;
        try {
            broker = KRaftBroker.start(logDir, brokerPort, controllerPort);
            kafka = new EmbeddedKafka(logDir, broker);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.stop();
            }
            TempDirs.deleteRecursively(logDir);
            throw e;
        }
        try {
            kafka.awaitReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /** The {@code host:port} clients use as {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Stops the broker and deletes its log directory; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            admin.close(Duration.ofSeconds(5));
        } finally {
            try {
                broker.stop();
            } finally {
                TempDirs.deleteRecursively(logDir);
            }
        }
    }

    /** The broker's log directory; deleted by {@link #close()}. */
    Path logDir() {
        return logDir;
    }

    /**
     * Runs a broker as its own process: prints {@code BOOTSTRAP=host:port} on one line once it is ready, then
     * runs until standard input ends or the process is terminated (SIGTERM closes it cleanly). Options:
     * {@code --port N} for the client port; {@code --ignore-stdin} to run until terminated, for shells that start
     * background jobs with stdin at end of file.
     */
    public static void main(String[] args) throws Exception {
        StandaloneBroker.run(args);
    }

    private void awaitReady() {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs(1_000);
        Waits.until(READY_TIMEOUT, "the embedded Kafka broker at " + bootstrapServers() + " to answer", () -> {
            try {
                // Fenced brokers are left out by default: a listed node can host new partitions.
                return !admin.describeCluster(options)
                        .nodes()
                        .get(2, TimeUnit.SECONDS)
                        .isEmpty();
            } catch (Exception notYet) {
                if (notYet instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", notYet);
                }
                return false;
            }
        });
    }
}
