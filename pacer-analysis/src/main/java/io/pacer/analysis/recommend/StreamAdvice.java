package io.pacer.analysis.recommend;

import io.pacer.analysis.Effort;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.action.ActionRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka, Pacer's batchers and Redis. Two of these Pacer can carry out itself: a batcher's linger or batch size through
 * the application's agent ({@code agent.tunable}), and Redis's {@code maxmemory} ({@code redis.config}).
 */
final class StreamAdvice {

    static final String STREAMING = "streaming";
    static final String CACHING = "caching";

    /** The batcher's meters of the settings in force, as the scrape stores them. */
    static final String MAX_EVENTS_SERIES = "pacer_batcher_max_events";

    static final String LINGER_SERIES = "pacer_batcher_linger_microseconds";

    /** Batches at least this full (mean over max) are capped by max events, not by linger. */
    static final double FULL_BATCHES = 0.8;
    /** The linger proposed when the batcher has none (or less): long enough to gather a batch at a few k events/s. */
    static final long MIN_PROPOSED_LINGER_MICROS = 5_000;
    /** The longest linger the catalogue proposes: beyond it latency suffers more than batching gains. */
    static final long MAX_PROPOSED_LINGER_MICROS = 1_000_000;
    /** The largest batch the catalogue proposes (the batcher's own limit is higher; its agent refuses beyond it). */
    static final long MAX_PROPOSED_EVENTS = 100_000;
    /** The largest factor one proposal raises {@code maxmemory} by: the Redis executor's safe step. */
    static final double MAX_MAXMEMORY_STEP = 4;
    /** Of the host's available memory, the share a bigger Redis {@code maxmemory} may take. */
    static final double REDIS_SHARE_OF_AVAILABLE = 0.5;

    private StreamAdvice() {}

    static Map<String, Advice> rules() {
        return Map.of(
                FindingKinds.LAG_GROWTH, StreamAdvice::lag,
                FindingKinds.PARTITION_SKEW, StreamAdvice::skew,
                FindingKinds.PRODUCER_BATCHING, StreamAdvice::batching,
                FindingKinds.BREAKER_FLAPPING, StreamAdvice::breaker,
                FindingKinds.SINK_OUTAGE, StreamAdvice::sinkOutage,
                FindingKinds.REDIS_HIT_DROP, StreamAdvice::hitDrop,
                FindingKinds.REDIS_EVICTIONS, StreamAdvice::evictions);
    }

    private static String describe(Finding f, String headline) {
        return SystemAdvice.describe(f, headline);
    }

    /** The batcher's scrape target and name, when the finding names both. */
    private static Optional<Map<String, String>> batcher(Finding f) {
        String target = Facts.label(f, "target");
        String batcher = Facts.label(f, "batcher");
        return target == null || batcher == null
                ? Optional.empty()
                : Optional.of(Map.of("target", target, "batcher", batcher));
    }

    private static Draft batching(Finding f, Facts facts) {
        Optional<Map<String, String>> meters = batcher(f);
        Map<String, String> subject = meters.orElse(f.subject());
        Draft advice = new Draft(
                STREAMING,
                "batching",
                subject,
                describe(f, "let batches fill: more linger, or a bigger max batch when they are already full"),
                List.of(
                        "Raise the batcher's linger (batch.linger) so a batch waits long enough to fill at this rate;"
                                + " when batches are already full, raise batch.maxEvents instead",
                        "Pacer applies it through the application's PacerAgent and reverts it if the verification"
                                + " window shows a degradation; start the agent and bind its info gauge if there is"
                                + " none"),
                "Expect the mean batch size to rise towards the max and sink calls per event to fall by about"
                        + " half; latency grows by at most the added linger",
                Effort.MEDIUM,
                null);
        if (meters.isEmpty()) {
            return advice;
        }
        Map<String, String> labels = meters.get();
        double mean = facts.mean("pacer_batcher_batch_size_mean_events", labels);
        double max = facts.last(MAX_EVENTS_SERIES, labels);
        double linger = facts.last(LINGER_SERIES, labels);
        // the detector's own suggestion (its last evidence: the setting in force, the value it suggests) wins: it
        // knows the rate; else batches that are full want a bigger max, others a longer linger
        Optional<Evidence> suggested = f.evidence().stream()
                .filter(e -> e.series().equals(MAX_EVENTS_SERIES) || e.series().equals(LINGER_SERIES))
                .filter(e -> e.threshold() > e.observed())
                .reduce((first, second) -> second);
        boolean raiseMax =
                suggested.map(e -> e.series().equals(MAX_EVENTS_SERIES)).orElse(max > 0 && mean / max >= FULL_BATCHES);
        String tunable;
        String value;
        String change;
        if (raiseMax) {
            double now = suggested.map(Evidence::observed).orElse(max);
            double wanted = suggested.map(Evidence::threshold).orElse(2 * now);
            long proposed = Math.min(MAX_PROPOSED_EVENTS, (long) Math.ceil(wanted));
            if (!(now > 0) || proposed <= now) {
                return advice;
            }
            tunable = "batch.maxEvents";
            value = Long.toString(proposed);
            change = "max batch " + Facts.number(now) + " → " + value + " events"
                    + (Double.isFinite(mean) ? " (batches are " + Math.round(mean / now * 100) + " % full)" : "");
        } else {
            double in = suggested.map(Evidence::observed).orElse(linger);
            if (!Double.isFinite(in)) {
                return advice;
            }
            long now = Math.round(in);
            long wanted =
                    suggested.map(e -> Math.round(e.threshold())).orElse(Math.max(MIN_PROPOSED_LINGER_MICROS, now * 2));
            long proposed = Math.min(MAX_PROPOSED_LINGER_MICROS, wanted);
            if (proposed <= now) {
                return advice;
            }
            tunable = "batch.linger";
            value = Facts.tunableDuration(proposed);
            change = "linger " + Facts.tunableDuration(now) + " → " + value;
        }
        String name = "batcher." + labels.get("batcher") + "." + tunable;
        Draft proposal = new Draft(
                advice.category(),
                advice.type(),
                subject,
                describe(f, change),
                List.of(
                        "Set " + name + " to " + value + " through the application's agent (Pacer: plan, apply,"
                                + " verify, revert on degradation)",
                        "Watch the batch size, the sink calls and the end-to-end latency in the verification window"),
                advice.expectedImpact(),
                Effort.MEDIUM,
                null);
        return facts.agentUrl(labels.get("target"))
                .map(url -> proposal.withAction(
                        new ActionRequest("agent.tunable", url, Map.of("name", name, "value", value))))
                .orElse(proposal);
    }

    private static Draft lag(Finding f, Facts facts) {
        String topic = Facts.label(f, "topic");
        double partitions = topic == null ? Double.NaN : facts.last("kafka.topic.partitions", Map.of("topic", topic));
        String upTo = Double.isFinite(partitions)
                ? " up to the topic's " + Facts.number(partitions) + " partitions"
                : " up to the topic's partition count";
        Draft advice = new Draft(
                STREAMING,
                "consumer_scaling",
                f.subject(),
                describe(f, "the consumers fall behind: add consumers or make each faster"),
                List.of(
                        "Add consumers to the group" + upTo + " (more consumers than partitions sit idle)",
                        "Make each consumer faster: bigger fetches (max.poll.records, fetch.min.bytes) and bigger"
                                + " batches to its sink",
                        "If one partition holds most of the lag, see the partition-skew finding: the key"
                                + " distribution, not the consumer count, is the limit"),
                "Expect the lag to stop growing and then fall at the added consumption rate",
                Effort.MEDIUM,
                null);
        Optional<Map<String, String>> meters = batcher(f);
        if (meters.isEmpty()) {
            return advice;
        }
        double max = facts.last(MAX_EVENTS_SERIES, meters.get());
        long proposed = Math.min(MAX_PROPOSED_EVENTS, Math.round(max) * 2);
        if (!(max > 0) || proposed <= max) {
            return advice;
        }
        String name = "batcher." + meters.get().get("batcher") + ".batch.maxEvents";
        String value = Long.toString(proposed);
        return facts.agentUrl(meters.get().get("target"))
                .map(url -> new Draft(
                                advice.category(),
                                advice.type(),
                                advice.subject(),
                                describe(
                                        f,
                                        "the consumer's batcher sends small batches: max batch " + Facts.number(max)
                                                + " → " + value + " events"),
                                advice.actions(),
                                advice.expectedImpact(),
                                advice.effort(),
                                null)
                        .withAction(new ActionRequest("agent.tunable", url, Map.of("name", name, "value", value))))
                .orElse(advice);
    }

    private static Draft skew(Finding f, Facts facts) {
        return new Draft(
                STREAMING,
                "partitioning",
                f.subject(),
                describe(f, "a few partitions carry most of the load"),
                List.of(
                        "Look at the key distribution: a hot key (or a null key with a sticky partitioner) lands on"
                                + " one partition",
                        "Spread hot keys (a salt suffix for keys that tolerate reordering) or repartition by a finer"
                                + " key",
                        "More partitions help only when keys spread over them"),
                "Expect per-partition lag and traffic within a factor of two of each other, and consumers that"
                        + " share the work",
                Effort.HIGH,
                null);
    }

    private static Draft breaker(Finding f, Facts facts) {
        String batcher = Facts.label(f, "batcher");
        String longer = batcher != null
                ? "a longer batcher." + batcher + ".breaker.openDuration (a tunable: pacer act can set it)"
                : "a longer open duration in its breaker policy";
        String higher = batcher != null
                ? "a higher batcher." + batcher + ".breaker.failureThreshold"
                : "a higher failure threshold in its breaker policy";
        return new Draft(
                "reliability",
                "circuit_breaker",
                f.subject(),
                describe(f, "the breaker opens and closes again and again"),
                List.of(
                        "Find why the dependency fails intermittently: timeouts under load, a flapping network path",
                        "Give it time to recover: " + longer,
                        "Open on a real outage only: " + higher),
                "Expect the breaker to stay closed through short hiccups and open only on real outages, with"
                        + " fewer trial calls failing",
                Effort.MEDIUM,
                null);
    }

    private static Draft sinkOutage(Finding f, Facts facts) {
        return new Draft(
                "reliability",
                "sink_outage",
                f.subject(),
                describe(f, "restore the sink; the spool keeps the events meanwhile"),
                List.of(
                        "Restore the sink: is the destination reachable and accepting writes (credentials, quotas,"
                                + " disk)?",
                        "Watch the spool depth against the spool disk's free space while it is down",
                        "Once it is back the spool drains: check the sink takes the backlog rate"),
                "Expect deliveries to resume and the spool to drain to 0 with no event lost",
                Effort.MEDIUM,
                null);
    }

    private static Draft hitDrop(Finding f, Facts facts) {
        String target = Facts.label(f, "target");
        if (target != null && facts.increase("redis.evicted.keys.total", Map.of("target", target)) > 0) {
            return evictions(f, facts);
        }
        return new Draft(
                CACHING,
                "cache_optimization",
                f.subject(),
                describe(f, "the cache answers less often than it did"),
                List.of(
                        "Check what changed: a restart or flush (empty cache), new key patterns, shorter TTLs",
                        "Look at the misses: keys read once are not worth caching; hot keys expiring together want"
                                + " jittered TTLs",
                        "Warm the cache after deploys for the hottest keys"),
                "Expect the hit ratio back at its earlier level and the load the misses put on the database gone",
                Effort.MEDIUM,
                null);
    }

    private static Draft evictions(Finding f, Facts facts) {
        String target = Facts.label(f, "target");
        Map<String, String> subject = target == null ? f.subject() : Map.of("target", target);
        Draft advice = new Draft(
                CACHING,
                "cache_sizing",
                subject,
                describe(f, "maxmemory is too small for the working set"),
                List.of(
                        "Raise Redis's maxmemory (CONFIG SET maxmemory), within the memory its host can spare",
                        "Or shrink the working set: shorter TTLs on cold keys, smaller values",
                        "Check the eviction policy suits the data (allkeys-lru for a cache)"),
                "Expect evictions near 0 and the hit ratio back up; memory used rises by up to the added maxmemory",
                Effort.MEDIUM,
                null);
        if (target == null) {
            return advice;
        }
        double max = facts.last("redis.memory.max.bytes", Map.of("target", target));
        if (!(max > 0)) {
            return advice;
        }
        Map<String, String> redis = Map.of("target", target);
        double proposed = 2 * max;
        double used = facts.last("redis.memory.used.bytes", redis);
        double keys = facts.last("redis.keys", redis);
        double evicted = facts.increase("redis.evicted.keys.total", redis);
        if (used > 0 && keys > 0 && evicted > 0) {
            // The working set the window asked for: the keys held plus those evicted to make room, each at the bytes a
            // key takes now. Doubling alone does not stop evictions when the working set is many times the limit.
            proposed = Math.max(proposed, used / keys * (keys + evicted));
        }
        // One step at a time, at most the step auto-optimisation may take unattended: when evictions go on after it
        // is verified, the next analysis proposes the next step.
        proposed = Math.min(proposed, MAX_MAXMEMORY_STEP * max);
        double available = facts.last("host.memory.available.bytes", Map.of());
        if (Double.isFinite(available)) {
            proposed = Math.min(proposed, max + available * REDIS_SHARE_OF_AVAILABLE);
        }
        long mib = 1024L * 1024L;
        long value = (long) Math.floor(proposed / mib) * mib;
        if (value < max * 1.1) {
            return new Draft(
                    advice.category(),
                    advice.type(),
                    subject,
                    describe(f, "maxmemory is too small and this host has little memory to spare"),
                    advice.actions(),
                    advice.expectedImpact(),
                    Effort.HIGH,
                    null);
        }
        return new Draft(
                        advice.category(),
                        advice.type(),
                        subject,
                        describe(
                                f,
                                "maxmemory " + Facts.bytes(max) + " → " + Facts.bytes(value) + " (evicted "
                                        + Facts.number(
                                                facts.increase("redis.evicted.keys.total", Map.of("target", target)))
                                        + " keys in the window)"),
                        List.of(
                                "CONFIG SET maxmemory " + value + " on " + target
                                        + " (Pacer: plan, apply, verify, revert on degradation)",
                                "Watch evictions and the hit ratio in the verification window"),
                        advice.expectedImpact(),
                        Effort.LOW,
                        null)
                .withAction(new ActionRequest(
                        "redis.config", target, Map.of("parameter", "maxmemory", "value", Long.toString(value))));
    }
}
