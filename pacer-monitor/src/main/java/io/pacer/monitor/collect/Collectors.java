package io.pacer.monitor.collect;

import io.pacer.internal.Check;
import io.pacer.monitor.Collector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes Pacer's collectors. Every one is named {@code kind} or {@code kind:target} ({@code host}, {@code jvm},
 * {@code jvm:app:9010}, {@code scrape:http://app:8080/metrics}, {@code health:URL}, {@code postgres:host:5432/db},
 * {@code redis:host:6379}), labels its samples {@code target=...} and fails a collection with the reason when its
 * target cannot be reached or answers garbage. Series names: {@code docs/metrics.md}.
 */
public final class Collectors {
    private Collectors() {}

    /** One HTTP client for every scrape and health check, made on first use (it runs a selector thread). */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(CollectorRunner.DEFAULT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Every collector {@code config} asks for except Kafka's (made by the lag package from its bootstrap lists). */
    public static List<Collector> of(TargetsConfig config) {
        Duration every = config.interval();
        List<Collector> collectors = new ArrayList<>();
        if (config.host()) {
            collectors.add(host(every));
        }
        if (config.jvm()) {
            collectors.add(jvm(every));
        }
        config.jmx().forEach(address -> collectors.add(jmx(address, every)));
        config.scrape().forEach(url -> collectors.add(scrape(url, every)));
        config.health().forEach(url -> collectors.add(health(url, every)));
        config.postgres().forEach(url -> collectors.add(postgres(url, every)));
        config.redis().forEach(address -> collectors.add(redis(address, every)));
        return collectors;
    }

    /** This machine, through OSHI. */
    public static Collector host(Duration interval) {
        return new HostCollector(checked(interval));
    }

    /** Pacer's own JVM. */
    public static Collector jvm(Duration interval) {
        return new JvmCollector(checked(interval));
    }

    /** A JVM serving JMX over RMI (started with {@code -Dcom.sun.management.jmxremote.port=PORT}). */
    public static Collector jmx(HostPort address, Duration interval) {
        return new JvmCollector(address, checked(interval));
    }

    /** A Prometheus or OpenMetrics text endpoint. */
    public static Collector scrape(URI url, Duration interval) {
        return new ScrapeCollector(TargetsConfig.httpUrl("scrape URL", url.toString()), checked(interval), Http.CLIENT);
    }

    /** A health URL. */
    public static Collector health(URI url, Duration interval) {
        return new HealthCollector(TargetsConfig.httpUrl("health URL", url.toString()), checked(interval), Http.CLIENT);
    }

    /** A PostgreSQL server, by JDBC URL or {@code postgresql://user:password@host:port/db}. */
    public static Collector postgres(String url, Duration interval) {
        return new PostgresCollector(PostgresTarget.parse("postgres URL", url), checked(interval));
    }

    /** A Redis server. */
    public static Collector redis(HostPort address, Duration interval) {
        return new RedisCollector(address, checked(interval));
    }

    private static Duration checked(Duration interval) {
        Check.duration("interval", interval, TargetsConfig.MIN_INTERVAL, TargetsConfig.MAX_INTERVAL);
        return interval;
    }
}
