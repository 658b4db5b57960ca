package io.pacer.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One source of samples — the host, a JVM, a Prometheus endpoint, a Kafka cluster, a PostgreSQL or Redis server. A
 * runner calls {@link #collect} on the collector's own {@link #interval()}, under a timeout, on a thread of its own, so
 * a slow or dead target costs its own collector only; the runner records the collector's health (up or down, last
 * error, time taken). A target that cannot be reached is an exception from {@link #collect}, never a crash.
 */
public interface Collector extends AutoCloseable {

    /** Kind and target, unique in one monitor: {@code host}, {@code jvm}, {@code scrape:http://app:8080/metrics}. */
    String name();

    /** How often to collect. */
    Duration interval();

    /**
     * Measures now. Samples carry {@code now} as their timestamp unless the target reports its own.
     *
     * @throws Exception when the target could not be reached or answered garbage; the message says which and shows a
     *     sample of what arrived
     */
    List<Sample> collect(Instant now) throws Exception;

    /** Releases connections; the default holds none. */
    @Override
    default void close() throws Exception {}
}
