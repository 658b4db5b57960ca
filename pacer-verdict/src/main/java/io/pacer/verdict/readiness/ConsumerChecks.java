package io.pacer.verdict.readiness;

import static io.pacer.verdict.readiness.Category.CONSUMER;
import static io.pacer.verdict.readiness.Severity.CRITICAL;
import static io.pacer.verdict.readiness.Severity.INFO;
import static io.pacer.verdict.readiness.Severity.WARNING;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The consumer's rules: commits, group liveness (session against heartbeat, processing time against
 * {@code max.poll.interval.ms}), fetch sizes, where a new group starts, and isolation against a transactional
 * producer. Values are read as the client resolves them ({@link ClientSettings}).
 */
final class ConsumerChecks implements ReadinessCheck {

    /** A session should survive at least this many missed heartbeats. */
    static final long HEARTBEATS_PER_SESSION = 3;
    /** Processing that takes more than this share of max.poll.interval.ms leaves too little room for a slow batch. */
    static final double POLL_INTERVAL_HEADROOM = 0.5;

    static final Rule REJECTED = Rule.everywhere(
            "consumer.rejected-by-client",
            CONSUMER,
            CRITICAL,
            "The Kafka consumer throws while reading these settings, so the service cannot start.");
    static final Rule AUTO_COMMIT = new Rule(
            "consumer.auto-commit",
            CONSUMER,
            WARNING,
            WARNING,
            INFO,
            "Auto-commit commits the positions poll() returned on a timer, whatever the code has finished: records"
                    + " handed to another thread or still in flight at a crash are skipped, so at-least-once needs"
                    + " commits after processing.");
    static final Rule HEARTBEAT_NOT_BELOW_SESSION = Rule.everywhere(
            "consumer.heartbeat-not-below-session",
            CONSUMER,
            CRITICAL,
            "A heartbeat interval that is not below the session timeout would let the member expire between two"
                    + " heartbeats, so the consumer's constructor refuses it (\"Heartbeat must be set lower than the"
                    + " session timeout\") and the service cannot start.");
    static final Rule SESSION_UNDER_THREE_HEARTBEATS = new Rule(
            "consumer.session-under-3-heartbeats",
            CONSUMER,
            WARNING,
            WARNING,
            INFO,
            "session.timeout.ms should be at least three heartbeat.interval.ms, so one late or lost heartbeat does"
                    + " not expire the member and rebalance the group.");
    static final Rule PROCESSING_EXCEEDS_POLL_INTERVAL = new Rule(
            "consumer.processing-exceeds-poll-interval",
            CONSUMER,
            CRITICAL,
            CRITICAL,
            WARNING,
            "A consumer that does not call poll() within max.poll.interval.ms leaves the group: its partitions move"
                    + " to another member, its commits fail, and the batch is processed twice — over and over.");
    static final Rule PROCESSING_NEAR_POLL_INTERVAL = new Rule(
            "consumer.processing-near-poll-interval",
            CONSUMER,
            WARNING,
            WARNING,
            INFO,
            "A batch takes more than half of max.poll.interval.ms to process, so a slow dependency or a GC pause"
                    + " pushes the consumer out of its group.");
    static final Rule FETCH_MAX_BELOW_PARTITION_FETCH = Rule.everywhere(
            "consumer.fetch-max-below-partition-fetch",
            CONSUMER,
            INFO,
            "fetch.max.bytes caps the whole fetch response, so max.partition.fetch.bytes is never reached and one"
                    + " partition's data can fill each response while the others wait.");
    static final Rule AUTO_OFFSET_RESET_LATEST = new Rule(
            "consumer.auto-offset-reset-latest",
            CONSUMER,
            WARNING,
            WARNING,
            INFO,
            "A group with no committed offsets starts at the end of each partition with auto.offset.reset=latest,"
                    + " silently skipping every record written before it first joined.");
    static final Rule ISOLATION_READ_UNCOMMITTED = new Rule(
            "consumer.isolation-read-uncommitted",
            CONSUMER,
            CRITICAL,
            WARNING,
            INFO,
            "The producer writes in transactions, but read_uncommitted consumers also see records of aborted"
                    + " transactions, so the exactly-once the transactions pay for is lost.");

    static final List<Rule> RULES = List.of(
            REJECTED,
            AUTO_COMMIT,
            HEARTBEAT_NOT_BELOW_SESSION,
            SESSION_UNDER_THREE_HEARTBEATS,
            PROCESSING_EXCEEDS_POLL_INTERVAL,
            PROCESSING_NEAR_POLL_INTERVAL,
            FETCH_MAX_BELOW_PARTITION_FETCH,
            AUTO_OFFSET_RESET_LATEST,
            ISOLATION_READ_UNCOMMITTED);

    @Override
    public Category category() {
        return CONSUMER;
    }

    @Override
    public List<String> ruleIds() {
        return RULES.stream().map(Rule::id).toList();
    }

    @Override
    public boolean applies(ReadinessInput input) {
        return input.consumer() != null;
    }

    @Override
    public List<Finding> check(ReadinessInput input) {
        if (input.consumer() == null) {
            return List.of();
        }
        ClientSettings s = ClientSettings.consumer(input.consumer());
        Environment env = input.environment();
        List<Finding> found = new ArrayList<>();
        s.rejection()
                .ifPresent(e -> found.add(REJECTED.finding(
                        env,
                        "The consumer refuses these settings: " + e.getMessage(),
                        List.of(new Evidence(
                                e.getMessage(), String.valueOf(s.file().source().getFileName()))),
                        "Correct the setting the message names (the client's own words above).")));
        String group = s.string("group.id");
        if (group != null && s.bool("enable.auto.commit")) {
            found.add(AUTO_COMMIT.finding(
                    env,
                    "Offsets are auto-committed, whatever has been processed",
                    List.of(s.evidence("enable.auto.commit"), s.evidence("group.id")),
                    "enable.auto.commit=false"));
        }
        liveness(s, env, input.processingTime(), found);
        long fetchMax = s.number("fetch.max.bytes");
        long partitionMax = s.number("max.partition.fetch.bytes");
        if (fetchMax < partitionMax) {
            found.add(FETCH_MAX_BELOW_PARTITION_FETCH.finding(
                    env,
                    "fetch.max.bytes " + fetchMax + " B is below max.partition.fetch.bytes " + partitionMax + " B",
                    List.of(s.evidence("fetch.max.bytes"), s.evidence("max.partition.fetch.bytes")),
                    "fetch.max.bytes=" + Math.max(partitionMax, ConsumerConfig.DEFAULT_FETCH_MAX_BYTES)));
        }
        if ("latest".equals(s.string("auto.offset.reset")) && !groupKnown(input, group)) {
            found.add(AUTO_OFFSET_RESET_LATEST.finding(
                    env,
                    "A new group would skip existing records (auto.offset.reset=latest)",
                    List.of(s.evidence("auto.offset.reset"), groupEvidence(input, s)),
                    "auto.offset.reset=earliest"));
        }
        if (input.producer() != null
                && input.producer().get("transactional.id").isPresent()
                && "read_uncommitted".equals(s.string("isolation.level"))) {
            found.add(ISOLATION_READ_UNCOMMITTED.finding(
                    env,
                    "The consumer reads aborted transactions of a transactional producer",
                    List.of(
                            s.evidence("isolation.level"),
                            new Evidence(
                                    "transactional.id="
                                            + input.producer()
                                                    .get("transactional.id")
                                                    .orElseThrow()
                                                    .value(),
                                    input.producer().where("transactional.id"))),
                    "isolation.level=read_committed"));
        }
        return found;
    }

    private static void liveness(ClientSettings s, Environment env, Duration processing, List<Finding> found) {
        if ("classic".equalsIgnoreCase(s.string("group.protocol"))) {
            long session = s.number("session.timeout.ms");
            long heartbeat = s.number("heartbeat.interval.ms");
            List<Evidence> evidence = List.of(s.evidence("session.timeout.ms"), s.evidence("heartbeat.interval.ms"));
            String fix = "heartbeat.interval.ms=" + Math.max(1, session / HEARTBEATS_PER_SESSION);
            if (heartbeat >= session) {
                found.add(HEARTBEAT_NOT_BELOW_SESSION.finding(
                        env,
                        "The consumer will not start: heartbeat.interval.ms " + heartbeat
                                + " is not below session.timeout.ms " + session,
                        evidence,
                        fix));
            } else if (session < HEARTBEATS_PER_SESSION * heartbeat) {
                found.add(SESSION_UNDER_THREE_HEARTBEATS.finding(
                        env,
                        "session.timeout.ms " + session + " is less than 3 × heartbeat.interval.ms " + heartbeat,
                        evidence,
                        fix));
            }
        }
        if (processing == null) {
            return;
        }
        long interval = s.number("max.poll.interval.ms");
        long records = s.number("max.poll.records");
        long millis = processing.toMillis();
        List<Evidence> evidence = List.of(
                s.evidence("max.poll.interval.ms"),
                s.evidence("max.poll.records"),
                new Evidence("processing time " + millis + " ms per poll batch", "--processing-time"));
        String fix = records > 1
                ? "max.poll.records="
                        + Math.max(1, (long) Math.floor(records * POLL_INTERVAL_HEADROOM * interval / millis))
                : "max.poll.interval.ms=" + (long) Math.ceil(millis / POLL_INTERVAL_HEADROOM);
        if (millis >= interval) {
            found.add(PROCESSING_EXCEEDS_POLL_INTERVAL.finding(
                    env, "A batch takes " + millis + " ms, more than max.poll.interval.ms " + interval, evidence, fix));
        } else if (millis > POLL_INTERVAL_HEADROOM * interval) {
            found.add(PROCESSING_NEAR_POLL_INTERVAL.finding(
                    env,
                    "A batch takes " + millis + " ms, over half of max.poll.interval.ms " + interval,
                    evidence,
                    fix));
        }
    }

    private static boolean groupKnown(ReadinessInput input, String group) {
        return group != null
                && input.cluster() != null
                && input.cluster().groups().stream().anyMatch(g -> g.groupId().equals(group));
    }

    private static Evidence groupEvidence(ReadinessInput input, ClientSettings s) {
        String group = s.string("group.id");
        if (group == null) {
            return new Evidence("group.id not set: no offsets are ever committed", "default");
        }
        return input.cluster() == null
                ? new Evidence(
                        "group " + group + ": not known (no --bootstrap to look it up)",
                        s.file().where("group.id"))
                : new Evidence(
                        "group " + group + ": not on the cluster",
                        "cluster " + input.cluster().bootstrap());
    }
}
