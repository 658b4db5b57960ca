package io.pacer.load.kafka;

import io.pacer.kafka.KafkaConnection;
import io.pacer.load.Driver;
import io.pacer.load.LoadSetupException;
import io.pacer.time.Ticker;
import java.time.Duration;
import java.util.Map;

/**
 * The Kafka drivers: produce, consume and the end-to-end stream test.
 *
 * <p>Each driver's {@code open()} first checks its surroundings through pacer-core's {@code io.pacer.kafka.KafkaSetup}
 * with a bounded wait of 10 s — the cluster answers, the topics exist (produce and stream create missing ones, safe
 * for idempotent producers) — and throws {@link LoadSetupException} with a one-line message naming the problem and
 * the fix; only then does it create clients, which would otherwise retry for a minute. Drivers are not reusable:
 * open, run, close, once.
 */
public final class KafkaDrivers {

    /** How long closing a client may take to flush and leave its group. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** How long setup and a consumer's first position may take. */
    static final Duration SETUP_TIMEOUT = KafkaConnection.DEFAULT_TIMEOUT;

    /** Fixes in setup errors name the command line's options. */
    private static final KafkaConnection.SettingNames OPTIONS =
            new KafkaConnection.SettingNames("--bootstrap", "-P / --*-config", "--topic");

    private KafkaDrivers() {}

    /**
     * One record per operation; the operation completes with the broker's acknowledgement, as
     * {@code Outcome.ok(key + value bytes)} or {@code Outcome.failed(exception name)} (never exceptionally).
     */
    public static Driver produce(KafkaProduceSettings settings) {
        return new ProduceDriver(settings);
    }

    /**
     * One {@code poll} per operation, completed before {@code start} returns with the records and bytes it read.
     * Gauge {@code lag}; summary {@code lag} and, in group mode, {@code first_assignment_ms}, {@code rebalances},
     * {@code rebalance_ms_total}.
     */
    public static Driver consume(KafkaConsumeSettings settings) {
        return new ConsumeDriver(settings, Ticker.system());
    }

    /**
     * One input record per operation, completed when its id first arrives on the output topic. Summary
     * {@code issued}, {@code produced}, {@code received}, {@code lost}, {@code duplicates}, {@code unknown}.
     */
    public static Driver stream(StreamSettings settings) {
        return new StreamDriver(settings, Ticker.system());
    }

    /** Where a driver's setup connects: its servers and client properties, fixes worded as the CLI's options. */
    static KafkaConnection connection(String bootstrapServers, Map<String, String> clientProperties) {
        return new KafkaConnection(bootstrapServers, clientProperties, SETUP_TIMEOUT, OPTIONS);
    }
}
