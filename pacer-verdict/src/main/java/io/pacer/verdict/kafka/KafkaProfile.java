package io.pacer.verdict.kafka;

import static io.pacer.verdict.kafka.TradeOff.Severity.INFO;
import static io.pacer.verdict.kafka.TradeOff.Severity.WARNING;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Kafka client settings for one goal — {@code pacer kafka profile NAME} — each property with a one-line reason and
 * each cost stated as a {@link TradeOff}, so a team starts from settings whose price it knows instead of a blog's.
 *
 * <p>Every profile keeps {@code acks=all} with idempotence on: a profile trades latency against throughput, never
 * silently against durability (Kafka's own defaults since 3.0). {@link #SEED} is seed 000's optimizer settings exactly
 * as written, so they can be measured and checked like any other. The values are for the Java client of Kafka 4.x
 * (whose defaults are {@code linger.ms=5}, {@code batch.size=16384}, no compression, {@code acks=all}, idempotence
 * on); every key is one the client knows and every combination starts a real {@code KafkaProducer} and {@code
 * KafkaConsumer} (tested against a broker).
 */
public enum KafkaProfile {

    /** Most records per second per producer: big compressed batches, big fetches. */
    THROUGHPUT(
            "most records per second: large compressed batches and large fetches, latency traded for throughput",
            List.of(
                    new Setting(
                            "acks",
                            "all",
                            "durability is not traded: with large batches acks=all costs latency,"
                                    + " barely throughput"),
                    new Setting(
                            "enable.idempotence",
                            "true",
                            "no duplicates or reordering on retry, at no throughput" + " cost"),
                    new Setting(
                            "max.in.flight.requests.per.connection",
                            "5",
                            "the most idempotence allows: keeps the" + " pipe full"),
                    new Setting("linger.ms", "20", "waits up to 20 ms so batches fill: fewer, larger requests"),
                    new Setting("batch.size", "262144", "256 KiB batches per partition amortise request overhead"),
                    new Setting(
                            "compression.type",
                            "lz4",
                            "fast compression: fewer bytes on network and disk for" + " little CPU"),
                    new Setting(
                            "buffer.memory",
                            "134217728",
                            "128 MiB of buffer: room for large batches to many"
                                    + " partitions without blocking send()")),
            List.of(
                    new Setting(
                            "enable.auto.commit",
                            "false",
                            "commit after processing (at-least-once), not on a" + " timer"),
                    new Setting(
                            "auto.offset.reset",
                            "earliest",
                            "a new group reads from the start instead of" + " skipping what exists"),
                    new Setting(
                            "fetch.min.bytes",
                            "1048576",
                            "the broker answers once 1 MiB is ready: fewer," + " fuller fetches"),
                    new Setting("fetch.max.wait.ms", "500", "but never waits more than 500 ms (Kafka's default)"),
                    new Setting("max.partition.fetch.bytes", "4194304", "up to 4 MiB per partition per fetch"),
                    new Setting("max.poll.records", "2000", "larger polls: fewer loop iterations per record")),
            List.of(
                    new TradeOff(
                            WARNING,
                            "producer",
                            List.of("linger.ms"),
                            "At low rates every send waits up to"
                                    + " linger.ms=20 for its batch to fill: up to 20 ms added latency."),
                    new TradeOff(
                            INFO,
                            "producer",
                            List.of("batch.size", "buffer.memory"),
                            "256 KiB batches per" + " partition use up to 128 MiB of producer memory."),
                    new TradeOff(
                            WARNING,
                            "consumer",
                            List.of("fetch.min.bytes", "fetch.max.wait.ms"),
                            "When traffic"
                                    + " is low a fetch waits up to fetch.max.wait.ms=500 for 1 MiB: up to 500 ms added"
                                    + " end-to-end latency."))),

    /** Lowest send-to-ack and end-to-end latency: no waiting for batches, answers as soon as data exists. */
    LATENCY(
            "lowest latency: nothing waits for a batch to fill, fetches return as soon as data exists",
            List.of(
                    new Setting(
                            "acks",
                            "all",
                            "durability is not traded: acks=1 would save a replica round trip"
                                    + " but lose acknowledged records when a leader dies"),
                    new Setting("enable.idempotence", "true", "no duplicates or reordering on retry"),
                    new Setting("max.in.flight.requests.per.connection", "5", "the most idempotence allows"),
                    new Setting("linger.ms", "0", "sends at once: no added wait for a batch to fill"),
                    new Setting(
                            "batch.size",
                            "16384",
                            "Kafka's default: batches stay small, so none waits long to" + " fill"),
                    new Setting("compression.type", "none", "no compression time on either side")),
            List.of(
                    new Setting(
                            "enable.auto.commit",
                            "false",
                            "commit after processing (at-least-once), not on a" + " timer"),
                    new Setting(
                            "auto.offset.reset",
                            "earliest",
                            "a new group reads from the start instead of" + " skipping what exists"),
                    new Setting("fetch.min.bytes", "1", "the broker answers as soon as one byte is ready"),
                    new Setting("fetch.max.wait.ms", "10", "an empty fetch returns after 10 ms, not 500 ms"),
                    new Setting(
                            "max.poll.records",
                            "100",
                            "small polls: each record is processed soon after" + " arrival")),
            List.of(
                    new TradeOff(
                            WARNING,
                            "producer",
                            List.of("linger.ms", "batch.size"),
                            "Small batches mean many"
                                    + " requests: lower peak throughput and more broker CPU per record."),
                    new TradeOff(
                            INFO,
                            "producer",
                            List.of("compression.type"),
                            "Without compression every byte" + " crosses the network and lands on disk as sent."),
                    new TradeOff(
                            WARNING,
                            "consumer",
                            List.of("fetch.max.wait.ms"),
                            "An idle consumer sends a fetch"
                                    + " every 10 ms to each broker it reads from: more broker load."))),

    /** Nothing acknowledged is lost or duplicated; a consumer never reads uncommitted or skips data. */
    DURABILITY(
            "no acknowledged record lost or duplicated: long retries, committed reads, manual commits",
            List.of(
                    new Setting(
                            "acks",
                            "all",
                            "the leader acknowledges only once every in-sync replica has the" + " record"),
                    new Setting("enable.idempotence", "true", "retries never duplicate or reorder records"),
                    new Setting(
                            "max.in.flight.requests.per.connection",
                            "5",
                            "the most idempotence allows;" + " ordering is still kept"),
                    new Setting("retries", "2147483647", "retry until delivery.timeout.ms, never give up early"),
                    new Setting(
                            "delivery.timeout.ms",
                            "300000",
                            "rides out a leader election or a broker restart:" + " 5 minutes before a send fails"),
                    new Setting(
                            "request.timeout.ms",
                            "30000",
                            "Kafka's default; delivery.timeout.ms >= linger.ms +" + " request.timeout.ms holds"),
                    new Setting("linger.ms", "5", "Kafka's default: small batches, moderate latency"),
                    new Setting("batch.size", "65536", "64 KiB batches"),
                    new Setting("compression.type", "zstd", "smallest on disk: more retention for the same space")),
            List.of(
                    new Setting("enable.auto.commit", "false", "commit only what has been processed"),
                    new Setting(
                            "isolation.level",
                            "read_committed",
                            "never read records of aborted or open" + " transactions"),
                    new Setting("auto.offset.reset", "earliest", "a new group reads everything that exists"),
                    new Setting(
                            "session.timeout.ms",
                            "45000",
                            "Kafka's default: a slow GC pause does not cost a" + " rebalance"),
                    new Setting(
                            "heartbeat.interval.ms",
                            "3000",
                            "a third of the session timeout or less, as" + " Kafka advises"),
                    new Setting("max.poll.records", "500", "Kafka's default: bounded work between commits")),
            List.of(
                    new TradeOff(
                            WARNING,
                            "producer",
                            List.of("acks"),
                            "acks=all is only as durable as the topic:"
                                    + " it needs replication factor >= 3 and min.insync.replicas >= 2."),
                    new TradeOff(
                            INFO,
                            "producer",
                            List.of("delivery.timeout.ms"),
                            "A send may take up to 5 minutes" + " to fail: callers waiting on it wait that long."),
                    new TradeOff(
                            INFO,
                            "producer",
                            List.of("compression.type"),
                            "zstd costs more producer CPU than" + " lz4."),
                    new TradeOff(
                            INFO,
                            "consumer",
                            List.of("isolation.level"),
                            "read_committed holds records back" + " while a transaction before them is open."))),

    /** A sound default for most services: modest batching, fast compression, safe consumers. */
    BALANCED(
            "a sound start for most services: modest batching and fast compression, safe consumer commits",
            List.of(
                    new Setting("acks", "all", "acknowledged means on every in-sync replica"),
                    new Setting("enable.idempotence", "true", "no duplicates or reordering on retry"),
                    new Setting("max.in.flight.requests.per.connection", "5", "the most idempotence allows"),
                    new Setting("linger.ms", "10", "up to 10 ms for a batch to fill"),
                    new Setting("batch.size", "65536", "64 KiB batches: fewer requests under load"),
                    new Setting("compression.type", "lz4", "fast compression: fewer bytes for little CPU")),
            List.of(
                    new Setting(
                            "enable.auto.commit",
                            "false",
                            "commit after processing (at-least-once), not on a" + " timer"),
                    new Setting(
                            "auto.offset.reset",
                            "earliest",
                            "a new group reads from the start instead of" + " skipping what exists"),
                    new Setting("fetch.min.bytes", "16384", "fetches wait for 16 KiB..."),
                    new Setting("fetch.max.wait.ms", "100", "...or 100 ms, whichever comes first"),
                    new Setting("max.poll.records", "500", "Kafka's default: bounded work between commits"),
                    new Setting(
                            "session.timeout.ms",
                            "45000",
                            "Kafka's default: a slow GC pause does not cost a" + " rebalance"),
                    new Setting("heartbeat.interval.ms", "3000", "a third of the session timeout or less")),
            List.of(
                    new TradeOff(
                            INFO,
                            "producer",
                            List.of("linger.ms"),
                            "At low rates a send waits up to 10 ms for" + " its batch."),
                    new TradeOff(
                            INFO,
                            "consumer",
                            List.of("fetch.max.wait.ms"),
                            "When traffic is low a fetch waits" + " up to 100 ms."))),

    /**
     * Seed 000's optimizer settings exactly as written ({@code /work/shared/seeds/000_*.txt}, "Kafka Configuration
     * Optimizations"), the seed's own comments as reasons.
     */
    SEED(
            "seed 000's KafkaOptimizer settings as written (its comments are the reasons)",
            List.of(
                    new Setting("compression.type", "lz4", "Better compression than snappy"),
                    new Setting("linger.ms", "5", "Reduced latency"),
                    new Setting("batch.size", "65536", "Increased throughput"),
                    new Setting("acks", "all", "Reliability"),
                    new Setting("enable.idempotence", "true", "Exactly-once semantics"),
                    new Setting("retries", "10", "Increased resilience")),
            List.of(
                    new Setting("fetch.min.bytes", "50000", "Increased batch efficiency"),
                    new Setting("max.poll.records", "1000", "Higher throughput"),
                    new Setting("session.timeout.ms", "30000", "Optimized for stability"),
                    new Setting("enable.auto.commit", "false", "Manual commits for reliability")),
            List.of(
                    new TradeOff(
                            WARNING,
                            "producer",
                            List.of("retries"),
                            "retries=10 gives up after ten attempts"
                                    + " (seconds with the default backoff) instead of retrying until delivery.timeout.ms:"
                                    + " a leader election can fail sends."),
                    new TradeOff(
                            INFO,
                            "producer",
                            List.of("enable.idempotence"),
                            "Idempotence is exactly-once per"
                                    + " partition and producer session, not end to end: that needs transactions."),
                    new TradeOff(
                            WARNING,
                            "consumer",
                            List.of("auto.offset.reset"),
                            "auto.offset.reset is left at"
                                    + " latest: a new consumer group skips every record written before it joined."),
                    new TradeOff(
                            INFO,
                            "consumer",
                            List.of("fetch.min.bytes"),
                            "When traffic is low a fetch waits up"
                                    + " to fetch.max.wait.ms (500 ms) for 50,000 bytes.")));

    /** Where {@link #SEED}'s values come from. */
    public static final String SEED_SOURCE =
            "seed 000 (000_0fc0e3b6205e938e.txt), section 'Kafka Configuration Optimizations'";

    private final String summary;
    private final List<Setting> producer;
    private final List<Setting> consumer;
    private final List<TradeOff> tradeOffs;

    KafkaProfile(String summary, List<Setting> producer, List<Setting> consumer, List<TradeOff> tradeOffs) {
        this.summary = summary;
        this.producer = List.copyOf(producer);
        this.consumer = List.copyOf(consumer);
        this.tradeOffs = List.copyOf(tradeOffs);
    }

    /** The profile's name on the command line: {@code throughput}, {@code latency}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the profile is for, in one line. */
    public String summary() {
        return summary;
    }

    public List<Setting> producer() {
        return producer;
    }

    public List<Setting> consumer() {
        return consumer;
    }

    /** The costs of this profile's choices, for the readiness check to report as info or warning findings. */
    public List<TradeOff> tradeOffs() {
        return tradeOffs;
    }

    /** The producer properties in the profile's order. */
    public Map<String, String> producerProperties() {
        return asMap(producer);
    }

    /** The consumer properties in the profile's order. */
    public Map<String, String> consumerProperties() {
        return asMap(consumer);
    }

    /** The producer properties as a {@code .properties} file: each line after its reason as a comment. */
    public String producerFile() {
        return file("producer", producer);
    }

    /** The consumer properties as a {@code .properties} file: each line after its reason as a comment. */
    public String consumerFile() {
        return file("consumer", consumer);
    }

    /**
     * The profile called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the profiles there are, for any other name
     */
    public static KafkaProfile named(String name) {
        for (KafkaProfile profile : values()) {
            if (profile.id().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "': choose one of " + ids());
    }

    /** The profiles' names, comma-separated. */
    public static String ids() {
        return Arrays.stream(values()).map(KafkaProfile::id).collect(Collectors.joining(", "));
    }

    private String file(String client, List<Setting> settings) {
        StringBuilder s = new StringBuilder()
                .append("# Pacer Kafka profile '")
                .append(id())
                .append("', ")
                .append(client)
                .append(": ")
                .append(summary)
                .append('\n');
        if (this == SEED) {
            s.append("# Source: ").append(SEED_SOURCE).append('\n');
        }
        s.append("# Trade-offs:\n");
        for (TradeOff t : tradeOffs) {
            if (t.client().equals(client)) {
                s.append("#   ")
                        .append(t.severity().name().toLowerCase(Locale.ROOT))
                        .append(": ")
                        .append(t.statement())
                        .append('\n');
            }
        }
        for (Setting setting : settings) {
            s.append('\n')
                    .append("# ")
                    .append(setting.reason())
                    .append('\n')
                    .append(setting.key())
                    .append('=')
                    .append(setting.value())
                    .append('\n');
        }
        return s.toString();
    }

    private static Map<String, String> asMap(List<Setting> settings) {
        Map<String, String> map = new LinkedHashMap<>();
        settings.forEach(s -> map.put(s.key(), s.value()));
        return map;
    }
}
