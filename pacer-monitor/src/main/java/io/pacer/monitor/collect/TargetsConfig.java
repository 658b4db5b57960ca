package io.pacer.monitor.collect;

import io.pacer.internal.Check;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What {@code pacer monitor} watches: the host and its own JVM (on by default), and targets given by flags
 * ({@code --postgres URL --redis host:port --scrape URL --health URL --jmx host:port --kafka bootstrap}) or by the
 * {@code targets:} section of {@code --config pacer.yaml} ({@link #read}). {@link Collectors#of} makes the collectors;
 * Kafka's is made by the lag package from {@link #kafka()}.
 *
 * <pre>{@code
 * targets:
 *   interval: 10s          # how often every collector collects (default 10s)
 *   timeout: 5s            # longest one collection may take (default 10s, never more than the interval)
 *   host: true             # this machine (default true)
 *   jvm: true              # Pacer's own JVM (default true)
 *   postgres: [ "postgresql://monitor:secret@db:5432/app" ]
 *   redis: [ "cache:6379" ]
 *   scrape: [ "http://app:8080/metrics" ]
 *   health: [ "http://app:8080/health", "http://billing:8080/health" ]
 *   jmx: [ "app:9010" ]
 *   kafka: [ "broker1:9092,broker2:9092" ]
 * }</pre>
 *
 * @param interval how often every collector collects
 * @param timeout the longest one collection may take
 * @param host whether to watch this machine
 * @param jvm whether to watch Pacer's own JVM
 * @param postgres PostgreSQL URLs, JDBC or libpq form (see {@link #postgresUrl})
 * @param redis Redis servers
 * @param scrape Prometheus/OpenMetrics endpoints
 * @param health health URLs
 * @param jmx JVMs serving JMX over RMI
 * @param kafka Kafka clusters, each a bootstrap list {@code host:port[,host:port...]}
 */
public record TargetsConfig(
        Duration interval,
        Duration timeout,
        boolean host,
        boolean jvm,
        List<String> postgres,
        List<HostPort> redis,
        List<URI> scrape,
        List<URI> health,
        List<HostPort> jmx,
        List<String> kafka) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = CollectorRunner.DEFAULT_TIMEOUT;
    /** The shortest interval between collections. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    /** The longest interval between collections. */
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);

    public TargetsConfig {
        Check.duration("interval", interval, MIN_INTERVAL, MAX_INTERVAL);
        Check.duration("timeout", timeout, Duration.ofMillis(10), MAX_INTERVAL);
        postgres = List.copyOf(postgres);
        postgres.forEach(url -> postgresUrl("postgres", url));
        redis = List.copyOf(redis);
        scrape = List.copyOf(scrape);
        scrape.forEach(url -> httpUrl("scrape", url.toString()));
        health = List.copyOf(health);
        health.forEach(url -> httpUrl("health", url.toString()));
        jmx = List.copyOf(jmx);
        kafka = List.copyOf(kafka);
        kafka.forEach(bootstrap -> kafkaBootstrap("kafka", bootstrap));
        Check.distinct("postgres", postgres);
        Check.distinct("redis", redis);
        Check.distinct("scrape", scrape);
        Check.distinct("health", health);
        Check.distinct("jmx", jmx);
        Check.distinct("kafka", kafka);
    }

    /** The host and Pacer's JVM every 10 s, no other target. */
    public static TargetsConfig ofDefaults() {
        return new TargetsConfig(
                DEFAULT_INTERVAL,
                DEFAULT_TIMEOUT,
                true,
                true,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    /**
     * Reads the {@code targets:} section of a YAML file (other sections belong to other parts of Pacer and are left
     * alone); a file without one gives {@link #ofDefaults()}.
     *
     * @throws IllegalArgumentException {@code file:line:column: field must be RULE, but was VALUE} for a bad or
     *     unknown setting, or the file's YAML error
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static TargetsConfig read(Path file) {
        return TargetsConfigReader.read(file);
    }

    /**
     * This configuration plus targets given as flags; a target given twice is watched once.
     *
     * @throws IllegalArgumentException naming the flag ({@code --redis}) and the bad value
     */
    public TargetsConfig withFlags(
            List<String> postgres,
            List<String> redis,
            List<String> scrape,
            List<String> health,
            List<String> jmx,
            List<String> kafka) {
        return new TargetsConfig(
                interval,
                timeout,
                host,
                jvm,
                plus(
                        this.postgres,
                        postgres.stream().map(v -> postgresUrl("--postgres", v)).toList()),
                plus(
                        this.redis,
                        redis.stream().map(v -> HostPort.parse("--redis", v)).toList()),
                plus(
                        this.scrape,
                        scrape.stream().map(v -> httpUrl("--scrape", v)).toList()),
                plus(
                        this.health,
                        health.stream().map(v -> httpUrl("--health", v)).toList()),
                plus(this.jmx, jmx.stream().map(v -> HostPort.parse("--jmx", v)).toList()),
                plus(
                        this.kafka,
                        kafka.stream().map(v -> kafkaBootstrap("--kafka", v)).toList()));
    }

    /** This configuration with another interval and timeout. */
    public TargetsConfig withInterval(Duration interval, Duration timeout) {
        return new TargetsConfig(interval, timeout, host, jvm, postgres, redis, scrape, health, jmx, kafka);
    }

    private static <T> List<T> plus(List<T> a, List<T> b) {
        LinkedHashSet<T> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    /**
     * A PostgreSQL URL: {@code jdbc:postgresql://host:5432/db?user=u&password=p} or {@code postgresql://u:p@host/db}.
     *
     * @return {@code text}, stripped
     */
    static String postgresUrl(String setting, String text) {
        PostgresTarget.parse(setting, text);
        return text.strip();
    }

    /** An absolute {@code http} or {@code https} URL with a host. */
    static URI httpUrl(String setting, String text) {
        String rule = "an http:// or https:// URL, e.g. http://127.0.0.1:8080/metrics";
        Check.notBlank(setting, text, rule);
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(
                    Secrets.masked(setting + " must be " + rule + ", but was '" + text + "' (" + e.getMessage() + ")"));
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        Check.that(http && uri.getHost() != null, setting, rule, Secrets.masked(text));
        return uri;
    }

    /**
     * {@code host:port[,host:port...]}: at least one server, each {@code host:port}; empty entries ({@code a:9092,})
     * are skipped, as Kafka's client skips them.
     */
    static String kafkaBootstrap(String setting, String text) {
        String rule = "a bootstrap list host:port[,host:port...]";
        Check.notBlank(setting, text, rule);
        int servers = 0;
        for (String server : text.strip().split(",", -1)) {
            if (!server.isBlank()) {
                HostPort.parse(setting, server);
                servers++;
            }
        }
        Check.that(servers > 0, setting, rule + " with at least one host:port", text);
        return text.strip();
    }
}
