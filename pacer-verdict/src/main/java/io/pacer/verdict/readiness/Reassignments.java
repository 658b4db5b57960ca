package io.pacer.verdict.readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code kafka-reassign-partitions.sh} commands cluster fixes give, with their JSON written out so the fix can
 * be pasted as it is.
 */
final class Reassignments {

    private Reassignments() {}

    /**
     * Raises {@code topic}'s replication to {@code target} (or as far as the brokers allow): each partition keeps its
     * replicas, in order (so its preferred leader stays), and gains the next brokers round-robin from its own
     * position, so the new replicas spread evenly.
     */
    static String raiseReplication(ClusterSnapshot cluster, ClusterSnapshot.Topic topic, int target) {
        List<Integer> brokers = cluster.brokers().stream()
                .map(ClusterSnapshot.Broker::id)
                .sorted()
                .toList();
        int reachable = Math.min(target, brokers.size());
        String prefix = brokers.size() < target
                ? "the cluster has " + brokers.size() + " broker(s), too few for replication factor " + target
                        + ": add brokers"
                        + (reachable > topic.replicationFactor()
                                ? ", or meanwhile raise it to " + reachable + ": "
                                : "")
                : "";
        if (reachable <= topic.replicationFactor()) {
            return prefix;
        }
        StringBuilder json = new StringBuilder("{\"version\":1,\"partitions\":[");
        for (ClusterSnapshot.Partition p : topic.partitions()) {
            List<Integer> replicas = new ArrayList<>(p.replicas());
            for (int i = 0; replicas.size() < reachable && i < brokers.size(); i++) {
                int candidate = brokers.get((p.partition() + i) % brokers.size());
                if (!replicas.contains(candidate)) {
                    replicas.add(candidate);
                }
            }
            if (json.charAt(json.length() - 1) != '[') {
                json.append(',');
            }
            json.append("{\"topic\":\"")
                    .append(topic.name())
                    .append("\",\"partition\":")
                    .append(p.partition())
                    .append(",\"replicas\":[")
                    .append(replicas.stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .append("]}");
        }
        json.append("]}");
        String file = "replication-" + topic.name() + ".json";
        return prefix + "echo '" + json + "' > " + file + " && kafka-reassign-partitions.sh --bootstrap-server "
                + cluster.bootstrap() + " --reassignment-json-file " + file + " --execute";
    }

    /**
     * Spreads {@code topics}' replicas over every broker: Kafka proposes a plan ({@code --generate}), which is saved
     * and then executed; throttled so the move does not starve clients.
     */
    static String rebalance(ClusterSnapshot cluster, List<String> topics) {
        String brokers = cluster.brokers().stream()
                .map(b -> String.valueOf(b.id()))
                .sorted()
                .collect(Collectors.joining(","));
        String json = topics.stream()
                .map(t -> "{\"topic\":\"" + t + "\"}")
                .collect(Collectors.joining(",", "{\"version\":1,\"topics\":[", "]}"));
        String tool = "kafka-reassign-partitions.sh --bootstrap-server " + cluster.bootstrap();
        return "echo '" + json + "' > move.json && " + tool + " --topics-to-move-json-file move.json --broker-list "
                + brokers + " --generate | sed -n '/^Proposed/{n;p}' > plan.json && " + tool
                + " --reassignment-json-file plan.json --execute --throttle 50000000";
    }
}
