package io.pacer.monitor.kafka;

import io.pacer.monitor.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** {@link KafkaLagCollector} over one {@link Admin} client, created on the first collection. */
final class AdminLagCollector implements KafkaLagCollector {

    private final KafkaLagSettings settings;
    private final Map<String, LagWindow> windows = new HashMap<>();
    private Admin admin;
    private volatile List<LagResult> lastResults = List.of();
    private volatile List<LagHistory> lastHistories = List.of();

    AdminLagCollector(KafkaLagSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "kafka:" + settings.bootstrapServers();
    }

    @Override
    public Duration interval() {
        return settings.interval();
    }

    @Override
    public List<LagResult> lastResults() {
        return lastResults;
    }

    @Override
    public List<LagHistory> lastHistories() {
        return lastHistories;
    }

    @Override
    public synchronized List<Sample> collect(Instant now) throws Exception {
        Admin a = admin();
        long nowMillis = now.toEpochMilli();
        Collection<String> groups = settings.groups().isEmpty() ? consumerGroups(a) : settings.groups();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committed(a, groups);
        Map<String, Set<TopicPartition>> owned = owned(a, groups);
        Map<String, TopicDescription> topics = topics(a);
        Set<TopicPartition> partitions = new HashSet<>();
        topics.values()
                .forEach(t -> t.partitions().forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition()))));
        committed.values().forEach(m -> partitions.addAll(m.keySet()));
        Map<TopicPartition, Long> logEnd = offsets(a, partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> logStart = offsets(a, logEnd.keySet(), OffsetSpec.earliest());

        List<Sample> samples = new ArrayList<>();
        List<LagResult> results = new ArrayList<>();
        List<LagHistory> histories = new ArrayList<>();
        windows.keySet().retainAll(groups);
        for (String group : new TreeSet<>(groups)) {
            LagWindow window = windows.computeIfAbsent(group, g -> new LagWindow(g, settings.intervals()));
            Set<TopicPartition> seen = new HashSet<>();
            Set<TopicPartition> members = owned.getOrDefault(group, Set.of());
            committed.getOrDefault(group, Map.of()).forEach((tp, offset) -> {
                Long end = logEnd.get(tp);
                if (offset != null && end != null) {
                    window.observe(tp, offset.offset(), end, members.contains(tp), nowMillis);
                    seen.add(tp);
                }
            });
            window.retain(seen);
            LagHistory history = window.history(nowMillis, settings.allowedLag());
            LagResult result = LagEvaluator.evaluate(history);
            histories.add(history);
            results.add(result);
            groupSamples(result, history, now, samples);
        }
        topicSamples(topics, logStart, logEnd, now, samples);
        String target = settings.bootstrapServers();
        samples.replaceAll(s -> {
            Map<String, String> labels = new LinkedHashMap<>(s.labels());
            labels.put("target", target);
            return new Sample(s.name(), labels, s.timestamp(), s.value(), s.histogram());
        });
        lastResults = List.copyOf(results);
        lastHistories = List.copyOf(histories);
        return samples;
    }

    private static void groupSamples(LagResult result, LagHistory history, Instant now, List<Sample> samples) {
        String group = result.group().name();
        Map<String, String> g = Map.of("group", group);
        samples.add(
                Sample.of("kafka.group.status", g, now, result.group().status().code()));
        samples.add(Sample.of("kafka.group.lag.records", g, now, result.group().totalLag()));
        if (result.group().maxLagSeconds() != null) {
            samples.add(Sample.of(
                    "kafka.group.lag.seconds.max", g, now, result.group().maxLagSeconds()));
        }
        for (int i = 0; i < result.partitions().size(); i++) {
            LagResult.Partition p = result.partitions().get(i);
            LagHistory.Commit last = history.partitions().get(i).lastCommit();
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("group", group);
            labels.put("topic", p.topic());
            labels.put("partition", Integer.toString(p.partition()));
            samples.add(Sample.of("kafka.lag.records", labels, now, p.currentLag()));
            if (p.lagSeconds() != null) {
                samples.add(Sample.of("kafka.lag.seconds", labels, now, p.lagSeconds()));
            }
            if (p.catchUpSeconds() != null) {
                samples.add(Sample.of("kafka.lag.catchup.seconds", labels, now, p.catchUpSeconds()));
            }
            samples.add(
                    Sample.of("kafka.partition.status", labels, now, p.status().code()));
            if (last != null) {
                samples.add(Sample.of("kafka.offset.committed", labels, now, last.offset()));
            }
        }
    }

    private static void topicSamples(
            Map<String, TopicDescription> topics,
            Map<TopicPartition, Long> logStart,
            Map<TopicPartition, Long> logEnd,
            Instant now,
            List<Sample> samples) {
        for (TopicDescription topic : new TreeMap<>(topics).values()) {
            Map<String, String> t = Map.of("topic", topic.name());
            int count = topic.partitions().size();
            samples.add(Sample.of("kafka.topic.partitions", t, now, count));
            long total = 0;
            long max = 0;
            for (var info : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), info.partition());
                Long end = logEnd.get(tp);
                if (end == null) {
                    continue;
                }
                long records = Math.max(0, end - logStart.getOrDefault(tp, 0L));
                total += records;
                max = Math.max(max, records);
                samples.add(Sample.of(
                        "kafka.offset.log_end",
                        Map.of("topic", topic.name(), "partition", Integer.toString(info.partition())),
                        now,
                        end));
            }
            samples.add(Sample.of("kafka.topic.records", t, now, total));
            double mean = count == 0 ? 0 : (double) total / count;
            samples.add(Sample.of("kafka.topic.skew.ratio", t, now, mean == 0 ? 1.0 : max / mean));
        }
    }

    private Collection<String> consumerGroups(Admin a) throws Exception {
        List<String> groups = new ArrayList<>();
        for (GroupListing g : await(
                "list consumer groups",
                a.listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
            groups.add(g.groupId());
        }
        return groups;
    }

    private Map<String, Map<TopicPartition, OffsetAndMetadata>> committed(Admin a, Collection<String> groups)
            throws Exception {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> result = new HashMap<>();
        if (specs.isEmpty()) {
            return result;
        }
        var listed = a.listConsumerGroupOffsets(specs);
        for (String group : groups) {
            try {
                result.put(group, await("list offsets of group " + group, listed.partitionsToOffsetAndMetadata(group)));
            } catch (GroupIdNotFoundException e) {
                result.put(group, Map.of());
            }
        }
        return result;
    }

    private Map<String, Set<TopicPartition>> owned(Admin a, Collection<String> groups) throws Exception {
        Map<String, Set<TopicPartition>> owned = new HashMap<>();
        if (groups.isEmpty()) {
            return owned;
        }
        Map<String, KafkaFuture<ConsumerGroupDescription>> described =
                a.describeConsumerGroups(groups).describedGroups();
        for (var e : described.entrySet()) {
            Set<TopicPartition> partitions = new HashSet<>();
            try {
                for (MemberDescription m :
                        await("describe group " + e.getKey(), e.getValue()).members()) {
                    partitions.addAll(m.assignment().topicPartitions());
                }
            } catch (GroupIdNotFoundException notFound) {
                // no such group: nobody owns anything
            }
            owned.put(e.getKey(), partitions);
        }
        return owned;
    }

    private Map<String, TopicDescription> topics(Admin a) throws Exception {
        Set<String> names = await("list topics", a.listTopics().names());
        if (names.isEmpty()) {
            return Map.of();
        }
        return await("describe topics", a.describeTopics(names).allTopicNames());
    }

    private Map<TopicPartition, Long> offsets(Admin a, Set<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (request.isEmpty()) {
            return offsets;
        }
        var listed = a.listOffsets(request);
        for (TopicPartition tp : partitions) {
            try {
                ListOffsetsResultInfo info = await("list offsets of " + tp, listed.partitionResult(tp));
                offsets.put(tp, info.offset());
            } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException gone) {
                // deleted since it was listed: skipped this time
            }
        }
        return offsets;
    }

    private <T> T await(String what, KafkaFuture<T> future) throws Exception {
        try {
            return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("Kafka at " + settings.bootstrapServers() + " did not answer '" + what
                    + "' within " + settings.timeout());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException
                    || e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(
                    "Kafka at " + settings.bootstrapServers() + ": " + what + " failed: "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>();
            settings.clientProperties().forEach((k, v) -> {
                if (AdminClientConfig.configNames().contains(k)) {
                    config.put(k, v);
                }
            });
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "pacer-lag");
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int)
                    settings.timeout().toMillis());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int)
                    settings.timeout().toMillis());
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
