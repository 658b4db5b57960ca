package io.pacer.analysis.action.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.StalePlanException;
import io.pacer.analysis.action.Verification;
import io.pacer.monitor.collect.HostPort;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code redis.config} ({@link RedisExecutors#config}). Each call opens one connection and closes it: actions are
 * rare, and a held connection would outlive a restarted server. {@code maxmemory} is planned in bytes (Redis's units
 * {@code 64mb}, {@code 1gb} accepted), so the plan's after is exactly what {@code CONFIG GET} reports once applied.
 */
final class RedisConfigExecutor implements ActionExecutor {

    static final String KIND = "redis.config";
    static final Set<String> PARAMETERS = Set.of("parameter", "value");
    static final Set<String> OBSERVABILITY =
            Set.of("slowlog-log-slower-than", "slowlog-max-len", "latency-monitor-threshold");
    static final double MAX_SAFE_GROWTH = 4.0;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern MEMORY = Pattern.compile("([0-9]+)(b|k|kb|m|mb|g|gb)?");

    private final Duration timeout;

    RedisConfigExecutor(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Plan plan(ActionRequest request, Instant now) {
        Target target = Target.of(request);
        String unknown = String.join(
                ", ",
                new TreeSet<>(request.parameters().keySet())
                        .stream().filter(p -> !PARAMETERS.contains(p)).toList());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "redis.config takes the parameters 'parameter' and 'value', not: " + unknown);
        }
        String name = required(request, "parameter").toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Redis parameter must be one parameter's name (letters, digits and '-',"
                    + " no patterns), but was '" + name + "'");
        }
        String value = required(request, "value");
        String before = call(target, c -> c.configGet(name)).get(name);
        if (before == null) {
            throw new IllegalArgumentException("unknown Redis parameter '" + name + "': CONFIG GET " + name + " on "
                    + target.address + " returned nothing (see redis.conf for the names)");
        }
        String after = name.equals("maxmemory") ? bytes(value) : value;
        if (after.equals(before)) {
            throw new IllegalArgumentException(
                    "Redis " + target.address + " has " + name + " " + before + " already; nothing to change");
        }
        List<Change> changes = List.of(new Change(setting(target, name), before, after));
        boolean safe = safe(name, before, after);
        String summary = String.format(
                Locale.ROOT,
                "CONFIG SET %s %s on Redis %s (now %s); revert sets %s again%s",
                name,
                after,
                target.address,
                before,
                before,
                safe ? "" : " — not marked safe: review it before applying");
        return new Plan(
                Plan.idOf(request, changes), request, summary, changes, safe, verification(name, target.address), now);
    }

    @Override
    public void apply(Plan plan) {
        Target target = Target.of(plan.request());
        Change change = plan.changes().get(0);
        String name = parameterOf(change);
        call(target, c -> {
            String now = c.configGet(name).get(name);
            if (!change.before().equals(now)) {
                throw new StalePlanException(String.format(
                        Locale.ROOT,
                        "%s was '%s' when planned at %s but is '%s' now; nothing was changed, plan again",
                        change.setting(),
                        change.before(),
                        plan.plannedAt(),
                        now));
            }
            return c.configSet(name, change.after());
        });
    }

    @Override
    public void revert(Plan plan) {
        Target target = Target.of(plan.request());
        Change change = plan.changes().get(0);
        call(target, c -> c.configSet(parameterOf(change), change.before()));
    }

    /**
     * Safe to apply unattended: {@code maxmemory} raised from a set limit by at most {@link #MAX_SAFE_GROWTH}× (a
     * lower limit evicts data; from 0, "no limit", any limit is lower), or an observability parameter.
     */
    static boolean safe(String name, String before, String after) {
        if (OBSERVABILITY.contains(name)) {
            return true;
        }
        if (!name.equals("maxmemory")) {
            return false;
        }
        double was = Double.parseDouble(before);
        double will = Double.parseDouble(after);
        return was > 0 && will > was && will <= was * MAX_SAFE_GROWTH;
    }

    /** What shows the change's effect: evictions for maxmemory, the hit ratio for the policy, else PING latency. */
    static Verification verification(String name, String address) {
        Map<String, String> labels = Map.of("target", address);
        return switch (name) {
            case "maxmemory" ->
                new Verification(
                        "redis.evicted.keys.total",
                        labels,
                        false,
                        Verification.DEFAULT_WINDOW,
                        Verification.DEFAULT_TOLERANCE);
            case "maxmemory-policy" ->
                new Verification(
                        "redis.keyspace.hit.ratio",
                        labels,
                        true,
                        Verification.DEFAULT_WINDOW,
                        Verification.DEFAULT_TOLERANCE);
            default ->
                new Verification(
                        "redis.ping.latency.seconds",
                        labels,
                        false,
                        Verification.DEFAULT_WINDOW,
                        Verification.DEFAULT_TOLERANCE);
        };
    }

    /** Redis's memory notation in bytes ({@code 1k} = 1000, {@code 1kb} = 1024, likewise m/mb and g/gb). */
    static String bytes(String value) {
        var m = MEMORY.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("maxmemory must be bytes, optionally with a unit (b, k, kb, m, mb, g,"
                    + " gb; e.g. 256mb), but was '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit) {
            case "k" -> 1_000L;
            case "kb" -> 1L << 10;
            case "m" -> 1_000_000L;
            case "mb" -> 1L << 20;
            case "g" -> 1_000_000_000L;
            case "gb" -> 1L << 30;
            default -> 1L;
        };
        return Long.toString(Math.multiplyExact(n, factor));
    }

    private static String setting(Target target, String name) {
        return "redis " + target.address + ": " + name;
    }

    private static String parameterOf(Change change) {
        return change.setting().substring(change.setting().lastIndexOf(": ") + 2);
    }

    private static String required(ActionRequest request, String name) {
        String value = request.parameters().get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("redis.config needs the parameter '" + name + "'");
        }
        return value.strip();
    }

    private <T> T call(Target target, Function<RedisCommands<String, String>, T> what) {
        RedisURI uri = target.uri;
        uri.setTimeout(timeout);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .autoReconnect(false)
                .build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return what.apply(connection.sync());
        } catch (StalePlanException e) {
            throw e;
        } catch (RedisException e) {
            throw new IllegalStateException(
                    "Redis " + target.address + " refused or did not answer: "
                            + (e.getCause() != null && e.getMessage() == null ? e.getCause() : e.getMessage()),
                    e);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Where to connect, and the {@code host:port} the monitor labels its samples with. */
    private record Target(RedisURI uri, String address) {
        static Target of(ActionRequest request) {
            String text = request.target().strip();
            if (text.startsWith("redis://") || text.startsWith("rediss://")) {
                RedisURI uri;
                try {
                    uri = RedisURI.create(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("redis target is not a redis:// URI: " + e.getMessage(), e);
                }
                return new Target(uri, uri.getHost() + ":" + uri.getPort());
            }
            HostPort address = HostPort.parse("redis target", text);
            return new Target(RedisURI.create(address.host(), address.port()), address.toString());
        }
    }
}
