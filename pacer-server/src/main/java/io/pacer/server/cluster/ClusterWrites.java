package io.pacer.server.cluster;

import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.AlertHistory;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The store as seen by one of several instances sharing a PostgreSQL database. Every instance collects every target —
 * so each one's live view, lag and health score are whole — but a shared target (a Kafka cluster, a scraped
 * application, a Redis) is one series however many instances watch it: only the {@link Leadership leader} stores its
 * samples; the others leave them to it ({@link #leftToLeader()}). What is each instance's own — its machine and its
 * JVM (collectors {@link #OWN_COLLECTORS}) — every instance stores, under an {@code instance} label naming it, so the
 * instances' CPU series stay apart.
 *
 * <p>A collection is one {@link #write} (the collector runner hands each collection over whole, with its {@code
 * collector.*} samples naming the collector); a write naming no collector is shared. While leadership changes hands
 * (within {@link AdvisoryLockLeadership#DEFAULT_CHECK_INTERVAL}) a shared collection may be stored by neither or by
 * both: a gap or an overlap of one interval, never a lasting copy. While the database is away the last leader keeps
 * storing them (into the store's buffer), so an outage within the buffer loses none.
 */
public final class ClusterWrites implements MetricStore {

    /** The collectors whose samples are about the instance itself: the host it runs on and its own JVM. */
    public static final Set<String> OWN_COLLECTORS = Set.of("host", "jvm");

    /** The label naming the instance on its own series. */
    public static final String INSTANCE_LABEL = "instance";

    private final MetricStore store;
    private final String instance;
    private final BooleanSupplier leading;
    private final AtomicLong leftToLeader = new AtomicLong();

    private ClusterWrites(MetricStore store, String instance, BooleanSupplier leading) {
        this.store = store;
        this.instance = instance;
        this.leading = leading;
    }

    /**
     * {@code store} written as the instance named {@code instance}, storing shared collections only while {@code
     * leading} ({@link Leadership#leadsOrLedLast()}: through a database outage the last leader keeps buffering them).
     */
    public static ClusterWrites of(MetricStore store, String instance, BooleanSupplier leading) {
        return new ClusterWrites(store, instance, leading);
    }

    @Override
    public void write(List<Sample> samples) {
        if (OWN_COLLECTORS.contains(collector(samples))) {
            store.write(samples.stream().map(this::labelled).toList());
        } else if (leading.getAsBoolean()) {
            store.write(samples);
        } else {
            leftToLeader.addAndGet(samples.size());
        }
    }

    /** Shared samples this instance collected and left for the leader to store. */
    public long leftToLeader() {
        return leftToLeader.get();
    }

    private static String collector(List<Sample> samples) {
        for (Sample s : samples) {
            if (s.name().startsWith("collector.") && s.labels().containsKey("collector")) {
                return s.labels().get("collector");
            }
        }
        return "";
    }

    private Sample labelled(Sample s) {
        Map<String, String> labels = new LinkedHashMap<>(s.labels());
        labels.put(INSTANCE_LABEL, instance);
        return new Sample(s.name(), labels, s.timestamp(), s.value(), s.histogram());
    }

    @Override
    public void flush() {
        store.flush();
    }

    @Override
    public Duration maintain(Instant now) {
        return store.maintain(now);
    }

    @Override
    public List<Series> query(Query query) {
        return store.query(query);
    }

    @Override
    public AlertHistory alertHistory() {
        return store.alertHistory();
    }

    @Override
    public List<String> names() {
        return store.names();
    }

    @Override
    public long dropped() {
        return store.dropped();
    }

    @Override
    public int buffered() {
        return store.buffered();
    }

    /** Leaves the store open: it is the service's, closed after the collectors stop. */
    @Override
    public void close() {}
}
