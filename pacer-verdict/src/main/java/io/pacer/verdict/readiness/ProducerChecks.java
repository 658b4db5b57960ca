package io.pacer.verdict.readiness;

import static io.pacer.verdict.readiness.Category.PRODUCER;
import static io.pacer.verdict.readiness.Severity.CRITICAL;
import static io.pacer.verdict.readiness.Severity.INFO;
import static io.pacer.verdict.readiness.Severity.WARNING;

import java.util.ArrayList;
import java.util.List;

/**
 * The producer's rules: durability (acks, idempotence, retries, requests in flight), timeouts, compression, batching
 * for the stated rate, the buffer, and {@code acks=all} against the topics' {@code min.insync.replicas}. Every value
 * is read as the client resolves it ({@link ClientSettings}), so a verdict is the client's behaviour, not a guess.
 */
final class ProducerChecks implements ReadinessCheck {

    /** From this many records per second, batching settings matter (a request per record is a measurable cost). */
    static final double BATCHING_RATE = 1000;
    /** The client's default batch size; less than this caps every request. */
    static final long DEFAULT_BATCH_SIZE = 16_384;
    /** The fix for a small batch at a high rate. */
    static final long SUGGESTED_BATCH_SIZE = 65_536;
    /** The client's default delivery timeout. */
    static final long DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;
    /** The client's limit on requests in flight for the idempotent producer. */
    static final long MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;

    static final Rule REJECTED = Rule.everywhere(
            "producer.rejected-by-client",
            PRODUCER,
            CRITICAL,
            "The Kafka producer throws while reading these settings, so the service cannot start.");
    static final Rule IDEMPOTENCE_CONFLICT = Rule.everywhere(
            "producer.idempotence-conflict",
            PRODUCER,
            CRITICAL,
            "Idempotence is on (set explicitly, or by default) and a setting contradicts it, so the producer refuses"
                    + " to start: it throws a ConfigException from its constructor.");
    static final Rule IDEMPOTENCE_SILENTLY_DISABLED = new Rule(
            "producer.idempotence-silently-disabled",
            PRODUCER,
            WARNING,
            WARNING,
            INFO,
            "enable.idempotence is not set, and acks or retries turn the default idempotence off with only an INFO"
                    + " log line (apache/kafka#11788): a retry after a lost acknowledgement then writes a duplicate.");
    static final Rule IDEMPOTENCE_DISABLED = new Rule(
            "producer.idempotence-disabled",
            PRODUCER,
            WARNING,
            INFO,
            INFO,
            "Idempotence is switched off, so a retry after a lost acknowledgement writes the record twice.");
    static final Rule ACKS_NOT_ALL = new Rule(
            "producer.acks-not-all",
            PRODUCER,
            CRITICAL,
            WARNING,
            INFO,
            "With acks=1 the leader acknowledges before any follower has the record, so a leader failure loses"
                    + " acknowledged records; with acks=0 nothing is acknowledged at all.");
    static final Rule RETRIES_ZERO = new Rule(
            "producer.retries-zero",
            PRODUCER,
            WARNING,
            WARNING,
            INFO,
            "With retries=0 a transient error such as a leader election fails the send instead of retrying it:"
                    + " the application must resend or lose the record.");
    static final Rule REORDERING = new Rule(
            "producer.reordering-possible",
            PRODUCER,
            WARNING,
            WARNING,
            INFO,
            "Without idempotence, a retried batch can land after a later one when more than one request is in"
                    + " flight per connection, reordering records within a partition.");
    static final Rule DELIVERY_TIMEOUT_TOO_SHORT = Rule.everywhere(
            "producer.delivery-timeout-too-short",
            PRODUCER,
            CRITICAL,
            "delivery.timeout.ms must be at least linger.ms + request.timeout.ms; set explicitly below that, the"
                    + " producer's constructor throws and the service cannot start.");
    static final Rule DELIVERY_TIMEOUT_RAISED = Rule.everywhere(
            "producer.delivery-timeout-raised",
            PRODUCER,
            INFO,
            "delivery.timeout.ms is not set and its default is below linger.ms + request.timeout.ms, so the producer"
                    + " raises it with a log line: a send takes longer to fail than the default suggests.");
    static final Rule COMPRESSION_NONE = new Rule(
            "producer.compression-none",
            PRODUCER,
            WARNING,
            INFO,
            INFO,
            "Uncompressed batches cost network, broker disk and replication bandwidth; lz4 or zstd shrink text and"
                    + " JSON records several times for little CPU.");
    static final Rule LINGER_ZERO_AT_RATE = new Rule(
            "producer.linger-zero-at-rate",
            PRODUCER,
            WARNING,
            WARNING,
            INFO,
            "With linger.ms=0 the producer sends as soon as a record arrives, so at this rate batches stay small"
                    + " and the broker handles many more requests per record.");
    static final Rule BATCH_SIZE_SMALL_AT_RATE = new Rule(
            "producer.batch-size-small-at-rate",
            PRODUCER,
            WARNING,
            WARNING,
            INFO,
            "A batch.size below the 16 KiB default caps every request, so at this rate throughput is bounded by"
                    + " requests per second rather than bytes.");
    static final Rule BUFFER_SMALLER_THAN_BATCH = Rule.everywhere(
            "producer.buffer-smaller-than-batch",
            PRODUCER,
            CRITICAL,
            "Each batch takes at least batch.size bytes of buffer.memory; when buffer.memory is smaller that"
                    + " allocation can never succeed, so every send fails.");
    static final Rule MAX_BLOCK_ZERO = new Rule(
            "producer.max-block-zero",
            PRODUCER,
            CRITICAL,
            WARNING,
            WARNING,
            "With max.block.ms=0 send() fails at once whenever it would wait: for the first record to a topic (its"
                    + " metadata is not fetched yet) and whenever buffer.memory is full.");
    static final Rule ACKS_ALL_MIN_ISR_ONE = new Rule(
            "producer.acks-all-min-isr-1",
            PRODUCER,
            CRITICAL,
            WARNING,
            INFO,
            "acks=all waits only for the in-sync replicas; with min.insync.replicas=1 that can be the leader alone,"
                    + " so the durability acks=all promises is not there: a leader failure loses acknowledged records.");

    static final List<Rule> RULES = List.of(
            REJECTED,
            IDEMPOTENCE_CONFLICT,
            IDEMPOTENCE_SILENTLY_DISABLED,
            IDEMPOTENCE_DISABLED,
            ACKS_NOT_ALL,
            RETRIES_ZERO,
            REORDERING,
            DELIVERY_TIMEOUT_TOO_SHORT,
            DELIVERY_TIMEOUT_RAISED,
            COMPRESSION_NONE,
            LINGER_ZERO_AT_RATE,
            BATCH_SIZE_SMALL_AT_RATE,
            BUFFER_SMALLER_THAN_BATCH,
            MAX_BLOCK_ZERO,
            ACKS_ALL_MIN_ISR_ONE);

    @Override
    public Category category() {
        return PRODUCER;
    }

    @Override
    public List<String> ruleIds() {
        return RULES.stream().map(Rule::id).toList();
    }

    @Override
    public boolean applies(ReadinessInput input) {
        return input.producer() != null;
    }

    @Override
    public List<Finding> check(ReadinessInput input) {
        if (input.producer() == null) {
            return List.of();
        }
        ClientSettings s = ClientSettings.producer(input.producer());
        Environment env = input.environment();
        List<Finding> found = new ArrayList<>();
        boolean conflict = idempotenceConflict(s, env, found);
        if (s.rejection().isPresent() && !conflict) {
            found.add(REJECTED.finding(
                    env,
                    "The producer refuses these settings: "
                            + s.rejection().get().getMessage(),
                    List.of(new Evidence(
                            s.rejection().get().getMessage(), s.file().source().getFileName() + "")),
                    "Correct the setting the message names (the client's own words above)."));
        }
        if (s.rejection().isEmpty()) {
            idempotence(s, env, found);
        }
        durability(s, env, found);
        deliveryTimeout(s, env, found);
        batching(s, env, input.expectedRate(), found);
        if (input.cluster() != null && acksAll(s)) {
            ProducerTopicChecks.minInsyncReplicas(s, input, ACKS_ALL_MIN_ISR_ONE, found);
        }
        return found;
    }

    /** Idempotence on and contradicted: the client throws from its constructor. */
    private static boolean idempotenceConflict(ClientSettings s, Environment env, List<Finding> found) {
        if (s.rejection().isEmpty() || !s.bool("enable.idempotence")) {
            return false;
        }
        boolean explicit = s.explicit("enable.idempotence");
        List<Evidence> evidence = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        if (s.number("max.in.flight.requests.per.connection") > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) {
            evidence.add(s.evidence("max.in.flight.requests.per.connection"));
            fixes.add("max.in.flight.requests.per.connection=" + MAX_IN_FLIGHT_FOR_IDEMPOTENCE);
        }
        if (explicit && !acksAll(s)) {
            evidence.add(s.evidence("acks"));
            fixes.add("acks=all");
        }
        if (explicit && s.number("retries") == 0) {
            evidence.add(s.evidence("retries"));
            fixes.add("retries=2147483647");
        }
        if (evidence.isEmpty()) {
            return false;
        }
        evidence.add(0, idempotenceEvidence(s));
        found.add(IDEMPOTENCE_CONFLICT.finding(
                env,
                "The producer will not start: idempotence is on and " + settings(evidence.subList(1, evidence.size()))
                        + " contradicts it (" + s.rejection().get().getMessage() + ")",
                evidence,
                String.join("\n", fixes)));
        return true;
    }

    /** Idempotence off, silently or explicitly, and what that allows. */
    private static void idempotence(ClientSettings s, Environment env, List<Finding> found) {
        boolean on = s.bool("enable.idempotence");
        boolean explicit = s.explicit("enable.idempotence");
        boolean retries = s.number("retries") > 0;
        if (!on && !explicit) {
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(idempotenceEvidence(s));
            List<String> fixes = new ArrayList<>();
            if (!acksAll(s)) {
                evidence.add(s.evidence("acks"));
                fixes.add("acks=all");
            }
            if (!retries) {
                evidence.add(s.evidence("retries"));
                fixes.add("retries=2147483647");
            }
            fixes.add("enable.idempotence=true");
            found.add(IDEMPOTENCE_SILENTLY_DISABLED.finding(
                    env,
                    "Idempotence is silently off: " + settings(evidence.subList(1, evidence.size()))
                            + " turns off the default enable.idempotence=true",
                    evidence,
                    String.join("\n", fixes)));
        } else if (!on) {
            found.add(IDEMPOTENCE_DISABLED.finding(
                    env,
                    "Idempotence is switched off",
                    List.of(s.evidence("enable.idempotence")),
                    acksAll(s) ? "enable.idempotence=true" : "acks=all\nenable.idempotence=true"));
        }
        long inFlight = s.number("max.in.flight.requests.per.connection");
        if (!on && retries && inFlight > 1) {
            found.add(REORDERING.finding(
                    env,
                    "Retries can reorder records: idempotence is off with " + inFlight + " requests in flight",
                    List.of(idempotenceEvidence(s), s.evidence("max.in.flight.requests.per.connection")),
                    acksAll(s) ? "enable.idempotence=true" : "max.in.flight.requests.per.connection=1"));
        }
    }

    private static void durability(ClientSettings s, Environment env, List<Finding> found) {
        if (!acksAll(s)) {
            found.add(ACKS_NOT_ALL.finding(
                    env,
                    "acks=" + s.string("acks").trim() + ": acknowledged records can be lost",
                    List.of(s.evidence("acks")),
                    "acks=all"));
        }
        if (s.number("retries") == 0) {
            found.add(RETRIES_ZERO.finding(
                    env,
                    "retries=0: a transient error fails the send",
                    List.of(s.evidence("retries")),
                    "retries=2147483647"));
        }
        if (s.number("max.block.ms") == 0) {
            found.add(MAX_BLOCK_ZERO.finding(
                    env,
                    "max.block.ms=0: send() fails instead of waiting for metadata or buffer space",
                    List.of(s.evidence("max.block.ms")),
                    "max.block.ms=60000"));
        }
        if (s.number("buffer.memory") < s.number("batch.size")) {
            found.add(BUFFER_SMALLER_THAN_BATCH.finding(
                    env,
                    "buffer.memory is smaller than batch.size: every send fails",
                    List.of(s.evidence("buffer.memory"), s.evidence("batch.size")),
                    "buffer.memory=33554432"));
        }
    }

    private static void deliveryTimeout(ClientSettings s, Environment env, List<Finding> found) {
        long needed = s.number("linger.ms") + s.number("request.timeout.ms");
        long delivery = s.number("delivery.timeout.ms");
        if (delivery >= needed) {
            return;
        }
        List<Evidence> evidence =
                List.of(s.evidence("delivery.timeout.ms"), s.evidence("linger.ms"), s.evidence("request.timeout.ms"));
        if (s.explicit("delivery.timeout.ms")) {
            found.add(DELIVERY_TIMEOUT_TOO_SHORT.finding(
                    env,
                    "The producer will not start: delivery.timeout.ms " + delivery
                            + " < linger.ms + request.timeout.ms " + needed,
                    evidence,
                    "delivery.timeout.ms=" + Math.max(needed, DEFAULT_DELIVERY_TIMEOUT_MS)));
        } else {
            found.add(DELIVERY_TIMEOUT_RAISED.finding(
                    env,
                    "delivery.timeout.ms is raised by the client from " + delivery + " to " + needed,
                    evidence,
                    "delivery.timeout.ms=" + needed));
        }
    }

    private static void batching(ClientSettings s, Environment env, Double rate, List<Finding> found) {
        if ("none".equals(s.string("compression.type"))) {
            found.add(COMPRESSION_NONE.finding(
                    env,
                    "Batches are sent uncompressed",
                    List.of(s.evidence("compression.type")),
                    "compression.type=lz4"));
        }
        if (rate == null || rate < BATCHING_RATE) {
            return;
        }
        Evidence stated = new Evidence("expected rate " + Math.round(rate) + " records/s", "--rate");
        if (s.number("linger.ms") == 0) {
            found.add(LINGER_ZERO_AT_RATE.finding(
                    env,
                    "linger.ms=0 at " + Math.round(rate) + " records/s: many small requests",
                    List.of(s.evidence("linger.ms"), stated),
                    "linger.ms=5"));
        }
        if (s.number("batch.size") < DEFAULT_BATCH_SIZE) {
            found.add(BATCH_SIZE_SMALL_AT_RATE.finding(
                    env,
                    "batch.size " + s.number("batch.size") + " B at " + Math.round(rate)
                            + " records/s caps each request",
                    List.of(s.evidence("batch.size"), stated),
                    "batch.size=" + SUGGESTED_BATCH_SIZE));
        }
    }

    /** Whether acks is all, as written ({@code all}, {@code -1}) or as the client resolved it ({@code -1}). */
    static boolean acksAll(ClientSettings s) {
        String acks = s.string("acks").trim();
        return acks.equalsIgnoreCase("all") || acks.equals("-1");
    }

    private static Evidence idempotenceEvidence(ClientSettings s) {
        if (s.explicit("enable.idempotence")) {
            return s.evidence("enable.idempotence");
        }
        return new Evidence("enable.idempotence not set (the client's default is true)", "default");
    }

    private static String settings(List<Evidence> evidence) {
        return String.join(" and ", evidence.stream().map(Evidence::setting).toList());
    }
}
