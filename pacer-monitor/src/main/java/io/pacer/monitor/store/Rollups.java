package io.pacer.monitor.store;

import io.pacer.monitor.Sample;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Incremental rollups: the open buckets of every resolution, in memory, and what is to be written.
 *
 * <p>Each resolution {@code r} has a watermark {@code closedUntil(r)}: a bucket that ends at or before it is closed,
 * written, and no longer in memory. A sample goes into the open one-minute bucket; {@link #close} closes the buckets
 * that ended by {@code now}, writes them as they are ({@link #pendingFresh}: nothing was stored for them before) and
 * adds each into the bucket of the next coarser resolution. A sample (or a closed bucket) that belongs in a bucket
 * already closed becomes a delta to merge into the stored bucket ({@link #pendingMerge}) and goes on to the first
 * resolution whose bucket is still open. So every sample is counted exactly once at every resolution.
 *
 * <p>Watermarks never go down and a coarser one never passes a finer one except at {@link #closeAll}, which closes
 * partial buckets on shutdown; their later samples are merged.
 */
final class Rollups {

    /** One bucket of one series at one resolution. */
    record Key(Resolution resolution, long series, long bucket) {}

    private static final List<Resolution> ROLLED = List.of(
            Resolution.MINUTE, Resolution.FIVE_MINUTES, Resolution.FIFTEEN_MINUTES, Resolution.HOUR, Resolution.DAY);

    private final EnumMap<Resolution, Long> closedUntil = new EnumMap<>(Resolution.class);
    private final EnumMap<Resolution, Map<Key, Aggregate>> open = new EnumMap<>(Resolution.class);
    private final Map<Key, Aggregate> pendingFresh = new HashMap<>();
    private final Map<Key, Aggregate> pendingMerge = new HashMap<>();
    private boolean watermarksChanged;

    Rollups(Map<Resolution, Long> storedWatermarks) {
        for (Resolution r : ROLLED) {
            closedUntil.put(r, storedWatermarks.getOrDefault(r, Long.MIN_VALUE));
            open.put(r, new HashMap<>());
        }
    }

    static List<Resolution> rolled() {
        return ROLLED;
    }

    /** Where a batch's samples go: deltas for closed buckets (to merge in the batch's transaction) and the rest. */
    static final class Plan {
        final Map<Key, Aggregate> merge = new HashMap<>();
        final byte[] openLevel;

        Plan(int size) {
            openLevel = new byte[size];
        }
    }

    /** Plans {@code samples} (series {@code ids}); changes nothing until {@link #apply}. */
    Plan plan(List<Sample> samples, long[] ids) {
        Plan plan = new Plan(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            long millis = s.timestamp().toEpochMilli();
            int level = 0;
            while (level < ROLLED.size() && isClosed(ROLLED.get(level), millis)) {
                Resolution r = ROLLED.get(level);
                plan.merge
                        .computeIfAbsent(new Key(r, ids[i], r.bucketOf(millis)), k -> new Aggregate())
                        .add(s.value(), millis, s.histogram());
                level++;
            }
            plan.openLevel[i] = (byte) level;
        }
        return plan;
    }

    /** Adds the planned samples to their open buckets, once the batch (and its merges) is committed. */
    void apply(Plan plan, List<Sample> samples, long[] ids) {
        for (int i = 0; i < samples.size(); i++) {
            int level = plan.openLevel[i];
            if (level < ROLLED.size()) {
                Resolution r = ROLLED.get(level);
                Sample s = samples.get(i);
                long millis = s.timestamp().toEpochMilli();
                open.get(r)
                        .computeIfAbsent(new Key(r, ids[i], r.bucketOf(millis)), k -> new Aggregate())
                        .add(s.value(), millis, s.histogram());
            }
        }
    }

    /** Closes every bucket that ended by {@code nowMillis}, finest first; they become pending writes. */
    void close(long nowMillis) {
        for (Resolution r : ROLLED) {
            closeWhere(r, nowMillis);
            long watermark = Math.max(closedUntil.get(r), r.bucketOf(nowMillis));
            if (watermark != closedUntil.get(r)) {
                closedUntil.put(r, watermark);
                watermarksChanged = true;
            }
        }
    }

    /** Closes every open bucket, partial ones too (on shutdown). */
    void closeAll() {
        for (Resolution r : ROLLED) {
            long latestEnd = Long.MIN_VALUE;
            for (Key k : open.get(r).keySet()) {
                latestEnd = Math.max(latestEnd, k.bucket() + r.stepMillis());
            }
            closeWhere(r, Long.MAX_VALUE);
            if (latestEnd > closedUntil.get(r)) {
                closedUntil.put(r, latestEnd);
                watermarksChanged = true;
            }
        }
    }

    private void closeWhere(Resolution r, long endAtOrBefore) {
        Resolution coarser = r.coarser();
        Iterator<Map.Entry<Key, Aggregate>> it = open.get(r).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Aggregate> e = it.next();
            Key key = e.getKey();
            if (key.bucket() + r.stepMillis() > endAtOrBefore) {
                continue;
            }
            it.remove();
            pendingFresh.put(key, e.getValue());
            carryUp(coarser, key.series(), key.bucket(), e.getValue());
        }
    }

    /**
     * Adds a closed bucket's aggregate into the coarser resolutions: merged into the stored bucket at each where it
     * is closed, into the open bucket at the first where it is open.
     */
    private void carryUp(Resolution from, long series, long millis, Aggregate aggregate) {
        for (Resolution r = from; r != null; r = r.coarser()) {
            Key up = new Key(r, series, r.bucketOf(millis));
            if (!isClosed(r, millis)) {
                open.get(r).computeIfAbsent(up, k -> new Aggregate()).merge(aggregate);
                return;
            }
            pendingMerge.computeIfAbsent(up, k -> new Aggregate()).merge(aggregate);
        }
    }

    private boolean isClosed(Resolution r, long millis) {
        return r.bucketOf(millis) + r.stepMillis() <= closedUntil.get(r);
    }

    Map<Key, Aggregate> pendingFresh() {
        return pendingFresh;
    }

    Map<Key, Aggregate> pendingMerge() {
        return pendingMerge;
    }

    /** The watermarks to store, or null when they have not changed since last written. */
    Map<Resolution, Long> changedWatermarks() {
        return watermarksChanged ? new EnumMap<>(closedUntil) : null;
    }

    /** The pending writes and watermarks are committed. */
    void written() {
        pendingFresh.clear();
        pendingMerge.clear();
        watermarksChanged = false;
    }

    boolean hasPending() {
        return !pendingFresh.isEmpty() || !pendingMerge.isEmpty() || watermarksChanged;
    }

    /** Open buckets, all resolutions: how much is held in memory. */
    int openBuckets() {
        int n = 0;
        for (Map<Key, Aggregate> m : open.values()) {
            n += m.size();
        }
        return n;
    }
}
