package io.pacer.monitor.collect;

import io.pacer.metrics.Histograms;
import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A Redis server: {@code INFO} (keyspace hit ratio, used vs max memory, fragmentation, evictions, clients, ops/s,
 * keys per database), {@code SLOWLOG} (its length and the entries new since the previous collection) and
 * {@code PING} latency. Names in {@code docs/metrics.md}; every sample carries {@code target=host:port}.
 *
 * <p>It speaks RESP itself ({@link RespConnection}) on one connection kept between collections, so that a reply that
 * is not Redis's — garbage, or an {@code INFO} cut short — fails the collection with a sample of what arrived.
 * An {@code INFO} that lacks the fields every Redis since 2.6 reports fails the same way.
 */
final class RedisCollector implements Collector, Noted {
    static final int SLOWLOG_ENTRIES = 32;
    private static final List<String> REQUIRED = List.of("used_memory", "connected_clients", "keyspace_hits");

    private final HostPort address;
    private final Duration interval;
    private final int timeoutMillis;
    private RespConnection connection;
    private long lastSlowlogId = -1;
    private volatile String slowlogProblem;

    RedisCollector(HostPort address, Duration interval) {
        this.address = address;
        this.interval = interval;
        this.timeoutMillis = (int) Math.min(interval.toMillis(), CollectorRunner.DEFAULT_TIMEOUT.toMillis());
    }

    @Override
    public String name() {
        return "redis:" + address;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public synchronized List<Sample> collect(Instant now) throws IOException {
        try {
            if (connection == null) {
                connection = new RespConnection(address, timeoutMillis);
            }
            Samples s = new Samples(now, Map.of("target", address.toString()));
            ping(s);
            info(s);
            try {
                slowlog(s);
                slowlogProblem = null;
            } catch (RespConnection.ErrorReply e) {
                // managed services may rename or forbid SLOWLOG; the rest still counts
                slowlogProblem = "no SLOWLOG figures: the server refused SLOWLOG (" + e.getMessage() + ")";
            }
            return s.list();
        } catch (IOException | RuntimeException e) {
            close();
            throw new IOException("redis " + address + ": " + Failures.reason(e), e);
        }
    }

    private void ping(Samples s) throws IOException {
        long start = System.nanoTime();
        Object pong = connection.call("PING");
        long micros = (System.nanoTime() - start) / 1000;
        if (!"PONG".equals(pong)) {
            throw new IOException("PING answered " + Failures.excerpt(String.valueOf(pong)) + " instead of PONG");
        }
        Histogram histogram = Histograms.latency();
        histogram.recordValue(Math.min(micros, Histograms.HIGHEST_LATENCY_MICROS));
        s.add("redis.ping.latency.seconds", micros / 1e6, Map.of(), Histograms.encode(histogram));
    }

    private void info(Samples s) throws IOException {
        Object reply = connection.call("INFO");
        if (!(reply instanceof String text)) {
            throw new IOException("INFO answered " + Failures.excerpt(String.valueOf(reply)) + ", not a bulk string");
        }
        Map<String, String> info = parseInfo(text);
        for (String field : REQUIRED) {
            if (!info.containsKey(field)) {
                throw new IOException("the INFO reply has no " + field + ": " + Failures.excerpt(text));
            }
        }
        double hits = number(info, "keyspace_hits");
        double misses = number(info, "keyspace_misses");
        s.add("redis.keyspace.hits.total", hits);
        s.add("redis.keyspace.misses.total", misses);
        if (hits + misses > 0) {
            s.add("redis.keyspace.hit.ratio", hits / (hits + misses));
        }
        double used = number(info, "used_memory");
        double max = number(info, "maxmemory");
        s.add("redis.memory.used.bytes", used);
        if (max > 0) { // 0: no limit
            s.add("redis.memory.max.bytes", max);
            s.add("redis.memory.used.ratio", used / max);
        }
        s.add("redis.memory.fragmentation.ratio", number(info, "mem_fragmentation_ratio"));
        s.add("redis.evicted.keys.total", number(info, "evicted_keys"));
        s.add("redis.expired.keys.total", number(info, "expired_keys"));
        s.add("redis.clients.connected", number(info, "connected_clients"));
        s.add("redis.clients.blocked", number(info, "blocked_clients"));
        s.add("redis.ops.rate", number(info, "instantaneous_ops_per_sec"));
        s.add("redis.commands.total", number(info, "total_commands_processed"));
        s.add("redis.uptime.seconds", number(info, "uptime_in_seconds"));
        info.forEach((key, value) -> {
            if (key.matches("db[0-9]+") && value.startsWith("keys=")) {
                int end = value.indexOf(',');
                s.add("redis.keys", Double.parseDouble(value.substring(5, end < 0 ? value.length() : end)), "db", key);
            }
        });
    }

    private void slowlog(Samples s) throws IOException {
        Object length = connection.call("SLOWLOG", "LEN");
        if (!(length instanceof Long count)) {
            throw new IOException("SLOWLOG LEN answered " + Failures.excerpt(String.valueOf(length)));
        }
        s.add("redis.slowlog.length", count);
        Object entries = connection.call("SLOWLOG", "GET", Integer.toString(SLOWLOG_ENTRIES));
        if (!(entries instanceof List<?> list)) {
            throw new IOException("SLOWLOG GET answered " + Failures.excerpt(String.valueOf(entries)));
        }
        long newest = lastSlowlogId;
        int fresh = 0;
        double max = 0;
        Map<String, Double> byCommand = new HashMap<>();
        for (Object entry : list) {
            // [id, unix time, duration µs, [command, args...], client address, client name]
            if (!(entry instanceof List<?> e)
                    || e.size() < 4
                    || !(e.get(0) instanceof Long id)
                    || !(e.get(2) instanceof Long micros)
                    || !(e.get(3) instanceof List<?> args)
                    || args.isEmpty()) {
                throw new IOException("a SLOWLOG entry is not [id, time, µs, [command...], ...]: "
                        + Failures.excerpt(String.valueOf(entry)));
            }
            if (id > lastSlowlogId) {
                fresh++;
                double seconds = micros / 1e6;
                max = Math.max(max, seconds);
                byCommand.merge(String.valueOf(args.get(0)).toUpperCase(Locale.ROOT), seconds, Math::max);
                newest = Math.max(newest, id);
            }
        }
        lastSlowlogId = newest;
        s.add("redis.slowlog.new", fresh);
        s.add("redis.slowlog.max.seconds", max);
        byCommand.forEach(
                (command, seconds) -> s.add("redis.slowlog.command.max.seconds", seconds, "command", command));
    }

    /** {@code INFO}'s {@code key:value} lines; section headers and blank lines skipped. */
    static Map<String, String> parseInfo(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    private static double number(Map<String, String> info, String field) throws IOException {
        String value = info.get(field);
        if (value == null) {
            return Double.NaN; // absent in this Redis version: left out
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            if (!REQUIRED.contains(field)) {
                return Double.NaN; // e.g. a ratio Redis prints as "nan" before it has one: left out
            }
            throw new IOException("INFO field " + field + " is not a number: " + Failures.excerpt(value));
        }
    }

    @Override
    public List<String> notes() {
        String problem = slowlogProblem;
        return problem == null ? List.of() : List.of(problem);
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // already broken
            }
            connection = null;
        }
    }
}
