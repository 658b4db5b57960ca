package io.pacer.monitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import io.pacer.monitor.Sample;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rollups, built incrementally while samples arrive out of order, across ticks and a reopened store, equal a
 * brute-force computation over all the samples at every resolution — for random data from fixed seeds.
 */
@Timeout(120)
class RollupPropertyTest {

    private static final Instant START = Instant.parse("2026-11-01T21:47:13Z");
    private static final Duration SPAN = Duration.ofHours(30);
    private static final List<String> SERIES = List.of("a", "b", "c", "d", "lat1", "lat2");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void rollupsEqualBruteForce(long seed) {
        Random random = new Random(seed);
        List<Sample> samples = randomSamples(random, 2_500);
        List<Sample> delivery = deliveryOrder(random, samples);
        // Raw samples kept a week, so that they are all still there to compare at the end.
        StoreConfig config = StoreConfig.sqlite(dir)
                .withRetention(new Retention(
                        Duration.ofDays(7),
                        Duration.ofDays(7),
                        Duration.ofDays(30),
                        Duration.ofDays(60),
                        Duration.ofDays(90),
                        Duration.ofDays(730)));
        Clock clock = Clock.fixed(START, ZoneOffset.UTC);

        MetricStore store = MetricStore.open(config, clock);
        int i = 0;
        boolean reopened = false;
        long latest = Long.MIN_VALUE;
        while (i < delivery.size()) {
            int n = Math.min(delivery.size() - i, 1 + random.nextInt(150));
            List<Sample> chunk = delivery.subList(i, i + n);
            store.write(chunk);
            store.flush();
            for (Sample s : chunk) {
                latest = Math.max(latest, s.timestamp().toEpochMilli());
            }
            store.maintain(Instant.ofEpochMilli(latest).minusSeconds(random.nextInt(180)));
            i += n;
            if (!reopened && i > delivery.size() / 2) {
                store.close();
                store = MetricStore.open(config, clock);
                reopened = true;
            }
        }
        store.maintain(START.plus(SPAN).plus(Duration.ofDays(2)));
        try {
            for (Resolution r : Rollups.rolled()) {
                for (String series : SERIES) {
                    assertThat(stored(store, series, r))
                            .as("%s at %s, seed %d", series, r, seed)
                            .isEqualTo(bruteForce(samples, series, r));
                }
            }
            for (String series : SERIES) {
                assertThat(stored(store, series, Resolution.RAW))
                        .as("raw %s", series)
                        .isEqualTo(bruteForce(samples, series, Resolution.RAW));
            }
        } finally {
            store.close();
        }
    }

    /** Values are integers, so sums are exact in any order. Latency series carry histograms. */
    private static List<Sample> randomSamples(Random random, int count) {
        List<Sample> samples = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        while (samples.size() < count) {
            String series = SERIES.get(random.nextInt(SERIES.size()));
            long millis = START.toEpochMilli() + (long) (random.nextDouble() * SPAN.toMillis());
            if (!taken.add(series + millis)) {
                continue; // one sample per series and instant, so "last" is well defined
            }
            Instant at = Instant.ofEpochMilli(millis);
            Map<String, String> labels = Map.of("series", series);
            if (series.startsWith("lat")) {
                Histogram h = Histograms.latency();
                int values = 1 + random.nextInt(20);
                for (int v = 0; v < values; v++) {
                    h.recordValue(1 + random.nextInt(200_000));
                }
                samples.add(new Sample("rpc.latency", labels, at, h.getMaxValue(), Histograms.encode(h)));
            } else {
                samples.add(Sample.of("queue.depth", labels, at, random.nextInt(2_001) - 1_000));
            }
        }
        return samples;
    }

    /** Mostly in time order; one in ten arrives up to 20 minutes late. */
    private static List<Sample> deliveryOrder(Random random, List<Sample> samples) {
        Map<Sample, Long> arrival = new java.util.IdentityHashMap<>();
        for (Sample s : samples) {
            long delay = random.nextInt(10) == 0 ? random.nextInt(20 * 60_000) : 0;
            arrival.put(s, s.timestamp().toEpochMilli() + delay);
        }
        List<Sample> order = new ArrayList<>(samples);
        order.sort(Comparator.comparingLong(arrival::get));
        return order;
    }

    private static String name(String series) {
        return series.startsWith("lat") ? "rpc.latency" : "queue.depth";
    }

    private static List<Summary> stored(MetricStore store, String series, Resolution r) {
        List<Series> found = store.query(new Query(
                name(series),
                Map.of("series", series),
                START.minus(Duration.ofDays(2)),
                START.plus(Duration.ofDays(4)),
                r));
        assertThat(found).hasSizeLessThanOrEqualTo(1);
        if (found.isEmpty()) {
            return List.of();
        }
        return found.get(0).points().stream().map(Summary::of).collect(Collectors.toList());
    }

    private static List<Summary> bruteForce(List<Sample> samples, String series, Resolution r) {
        TreeMap<Long, List<Sample>> buckets = new TreeMap<>();
        for (Sample s : samples) {
            if (s.labels().get("series").equals(series)) {
                long millis = s.timestamp().toEpochMilli();
                long bucket = r == Resolution.RAW ? millis : r.bucketOf(millis);
                buckets.computeIfAbsent(bucket, b -> new ArrayList<>()).add(s);
            }
        }
        List<Summary> result = new ArrayList<>();
        buckets.forEach((bucket, in) -> {
            Sample last =
                    in.stream().max(Comparator.comparing(Sample::timestamp)).orElseThrow();
            List<String> histograms =
                    in.stream().map(Sample::histogram).filter(h -> h != null).collect(Collectors.toList());
            result.add(new Summary(
                    bucket,
                    in.size(),
                    in.stream().mapToDouble(Sample::value).sum(),
                    in.stream().mapToDouble(Sample::value).min().orElseThrow(),
                    in.stream().mapToDouble(Sample::value).max().orElseThrow(),
                    last.value(),
                    histograms.isEmpty() ? null : Percentiles.of(Histograms.merge(histograms))));
        });
        return result;
    }

    /** A point as compared: histograms by their exact percentiles. */
    record Summary(long bucket, long count, double sum, double min, double max, double last, Percentiles hist) {
        static Summary of(Point p) {
            return new Summary(
                    p.timestamp().toEpochMilli(),
                    p.count(),
                    p.sum(),
                    p.min(),
                    p.max(),
                    p.last(),
                    p.histogram() == null ? null : p.percentiles());
        }
    }
}
