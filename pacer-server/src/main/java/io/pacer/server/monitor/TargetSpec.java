package io.pacer.server.monitor;

import io.pacer.internal.Check;
import io.pacer.monitor.Collector;
import io.pacer.monitor.collect.Collectors;
import io.pacer.monitor.collect.HostPort;
import io.pacer.monitor.collect.Secrets;
import io.pacer.monitor.collect.TargetsConfig;
import io.pacer.monitor.live.MonitorSetup;
import java.net.URI;
import java.util.List;

/**
 * A target added through the API: its kind and address, validated as pacer.yaml's {@code targets:} entries are.
 *
 * @param kind {@code scrape}, {@code health}, {@code postgres}, {@code redis}, {@code jmx} or {@code kafka}
 * @param target the URL, {@code host:port} or bootstrap list, as in pacer.yaml
 */
public record TargetSpec(String kind, String target) {

    /** The kinds of target the API adds; the host and the service's own JVM are switched in pacer.yaml. */
    public static final List<String> KINDS = List.of("scrape", "health", "postgres", "redis", "jmx", "kafka");

    public TargetSpec {
        Check.that(kind != null && KINDS.contains(kind), "kind", "one of " + String.join(", ", KINDS), kind);
        Check.notBlank("target", target, "a URL, host:port or bootstrap list");
        target = target.strip();
        try {
            config(kind, target, TargetsConfig.ofDefaults());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException("target " + message.substring(message.indexOf(' ') + 1), e);
        }
    }

    /** The collector for this target, collecting on {@code base}'s interval. */
    public Collector collector(TargetsConfig base) {
        TargetsConfig only = config(kind, target, base);
        if (kind.equals("kafka")) {
            return MonitorSetup.kafka(only.kafka().get(0), only);
        }
        return Collectors.of(only).get(0);
    }

    private static TargetsConfig config(String kind, String target, TargetsConfig base) {
        TargetsConfig none = new TargetsConfig(
                base.interval(),
                base.timeout(),
                false,
                false,
                List.of(),
                List.<HostPort>of(),
                List.<URI>of(),
                List.<URI>of(),
                List.<HostPort>of(),
                List.of());
        List<String> one = List.of(target);
        List<String> empty = List.of();
        return none.withFlags(
                kind.equals("postgres") ? one : empty,
                kind.equals("redis") ? one : empty,
                kind.equals("scrape") ? one : empty,
                kind.equals("health") ? one : empty,
                kind.equals("jmx") ? one : empty,
                kind.equals("kafka") ? one : empty);
    }

    /** The target with its secrets (password, token-like parameters) replaced by {@code ***}, for lists and logs. */
    public String shown() {
        return Secrets.masked(target);
    }
}
