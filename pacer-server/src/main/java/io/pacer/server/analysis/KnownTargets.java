package io.pacer.server.analysis;

import io.pacer.analysis.History;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.monitor.collect.HostPort;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.Series;
import io.pacer.server.ServerConfig;
import io.pacer.server.state.TargetStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which targets actions may change: only those the service watches — pacer.yaml's and the API's Redis, Kafka and
 * PostgreSQL targets, and the agents whose {@code pacer_agent_info{url}} gauge it scraped within the last hour. Why:
 * an operator's request must not make the service change a server it was never told about, nor send the agents'
 * shared secret to an address of the requester's choosing.
 */
final class KnownTargets {

    /** How recently an agent must have been seen in a scrape to be acted on. */
    static final Duration AGENT_SEEN_WITHIN = Duration.ofHours(1);

    static final String AGENT_INFO = "pacer_agent_info";

    private final ServerConfig config;
    private final TargetStore targets;
    private final MetricStore store;

    KnownTargets(ServerConfig config, TargetStore targets, MetricStore store) {
        this.config = config;
        this.targets = targets;
        this.store = store;
    }

    /**
     * The reason {@code request}'s target may not be acted on, or null when it may. Kinds this class does not know are
     * left to their executor.
     */
    String refusal(ActionRequest request, Instant now) {
        String target = request.target();
        return switch (request.kind()) {
            case "redis.config" ->
                hostPorts("redis", target).stream().anyMatch(known("redis")::contains)
                        ? null
                        : "Redis " + target
                                + " is not a target of this service; add it to pacer.yaml's targets.redis or"
                                + " with POST /api/targets";
            case "kafka.topic-config" ->
                hostPorts("kafka", target).stream().anyMatch(known("kafka")::contains)
                        ? null
                        : "Kafka " + target + " is not a cluster this service watches; add it to pacer.yaml's"
                                + " targets.kafka or with POST /api/targets";
            case "postgres.index", "postgres.setting" ->
                hostPorts("postgres", target).stream().anyMatch(known("postgres")::contains)
                        ? null
                        : "PostgreSQL " + hostPorts("postgres", target) + " is not a target of this service; add it to"
                                + " pacer.yaml's targets.postgres or with POST /api/targets";
            case "agent.tunable" ->
                agents(now).contains(normalUrl(target))
                        ? null
                        : "no agent at " + target + " was seen by this service in the last hour (an application's"
                                + " PacerAgent is found by its scraped " + AGENT_INFO + "{url} gauge)";
            default -> null;
        };
    }

    /** Every {@code host:port} (lower case) of the configured and API targets of {@code kind}. */
    private Set<String> known(String kind) {
        List<String> all = new ArrayList<>();
        switch (kind) {
            case "redis" -> config.targets().redis().forEach(h -> all.add(h.toString()));
            case "kafka" -> all.addAll(config.targets().kafka());
            default -> all.addAll(config.targets().postgres());
        }
        try {
            targets.list().stream()
                    .filter(t -> t.spec().kind().equals(kind))
                    .forEach(t -> all.add(t.spec().target()));
        } catch (IllegalStateException e) {
            // the state database cannot be read: pacer.yaml's targets only
        }
        Set<String> known = new LinkedHashSet<>();
        all.forEach(t -> known.addAll(hostPorts(kind, t)));
        return known;
    }

    /** The {@code host:port}s a target names: a bootstrap list, {@code host:port}, or a URL. */
    static List<String> hostPorts(String kind, String target) {
        List<String> out = new ArrayList<>();
        String text = target.strip();
        if (text.contains("://")) {
            URI uri;
            try {
                uri = URI.create(text.startsWith("jdbc:") ? text.substring(5) : text);
            } catch (IllegalArgumentException e) {
                return out;
            }
            if (uri.getHost() != null) {
                int port = uri.getPort() >= 0 ? uri.getPort() : kind.equals("postgres") ? 5432 : 6379;
                out.add(uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
            }
            return out;
        }
        for (String part : text.split(",")) {
            try {
                HostPort hp = HostPort.parse(kind, part.strip());
                out.add(hp.host().toLowerCase(Locale.ROOT) + ":" + hp.port());
            } catch (IllegalArgumentException e) {
                // not host:port: matches nothing
            }
        }
        return out;
    }

    /** The agent URLs the scraped {@code pacer_agent_info} gauges named within {@link #AGENT_SEEN_WITHIN}. */
    private Set<String> agents(Instant now) {
        Set<String> urls = new LinkedHashSet<>();
        for (Series s : History.of(store, now.minus(AGENT_SEEN_WITHIN), now).series(AGENT_INFO)) {
            String url = s.labels().get("url");
            if (url != null) {
                urls.add(normalUrl(url));
            }
        }
        return urls;
    }

    private static String normalUrl(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
