package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.StreamShapes.WINDOW;
import static io.pacer.analysis.detect.StreamShapes.counter;
import static io.pacer.analysis.detect.StreamShapes.gauge;
import static io.pacer.analysis.detect.StreamShapes.inLast;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.Evidence;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.Level;
import io.pacer.analysis.Synthetic;
import io.pacer.monitor.store.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Producer batching, breaker flapping and sink outage over the shapes a Pacer batcher's scraped meters take in the
 * demo: a load following a sine around 200 events/s (×4 in a spike), seed 001's 50 events / 100 ms.
 */
class BatcherDetectorsTest {

    private static final Map<String, String> DEMO =
            Map.of("batcher", "demo", "target", "http://127.0.0.1:40123/metrics");

    /** The demo's load: a sine around 200 events/s with a period of a minute, ×4 for the window's 3rd minute. */
    private static double demoRate(double minute) {
        double sine = 200 * (1 + 0.5 * Math.sin(2 * Math.PI * minute));
        return minute >= 2 && minute < 2.2 ? 4 * sine : sine;
    }

    /**
     * The batcher's meters: batches of {@code min(rate × linger, maxEvents)} events, a small linger-bound batch
     * costing at most one batch per linger (plus send time: one batch per 2 ms at linger 0).
     */
    private static List<Series> batcher(int maxEvents, double lingerSeconds, long seed) {
        List<Series> out = new ArrayList<>();
        out.add(gauge("pacer_batcher_throughput_events_s", DEMO, 0.1, seed, BatcherDetectorsTest::demoRate));
        out.add(gauge("pacer_batcher_batches_rate_batches_s", DEMO, 0.1, seed + 1, m -> {
            double rate = demoRate(m);
            double size = Math.max(1, Math.min(maxEvents, rate * Math.max(lingerSeconds, 0.002)));
            return rate / size;
        }));
        out.add(Synthetic.series("pacer_batcher_max_events", DEMO, WINDOW, StreamShapes.STEP, m -> maxEvents));
        out.add(Synthetic.series(
                "pacer_batcher_linger_microseconds", DEMO, WINDOW, StreamShapes.STEP, m -> lingerSeconds * 1e6));
        return out;
    }

    private static Series[] array(List<Series> list) {
        return list.toArray(Series[]::new);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void seed001sBatchingUnderTheDemosLoadAndSpikeIsEfficientEnough(long seed) {
        assertThat(new ProducerBatchingDetector().detect(Synthetic.context(WINDOW, array(batcher(50, 0.1, seed)))))
                .isEmpty();
    }

    @Test
    void aZeroLingerSendsTinyBatchesAndTheFindingSuggestsALingerForTheBatcherAndItsTarget() {
        assertThat(new ProducerBatchingDetector().detect(Synthetic.context(WINDOW, array(batcher(50, 0, 1)))))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKinds.PRODUCER_BATCHING);
                    assertThat(f.subject()).isEqualTo(DEMO);
                    assertThat(f.summary()).contains("demo", "linger is too short", "batch.linger");
                    Evidence setting = f.evidence().get(f.evidence().size() - 1);
                    assertThat(setting.series()).isEqualTo("pacer_batcher_linger_microseconds");
                    assertThat(setting.observed()).isZero();
                    // 50 events at ~200 events/s take 250 ms to gather: capped at the library's default of 100 ms
                    assertThat(setting.threshold()).isEqualTo(100_000);
                });
    }

    @Test
    void fullBatchesOfAFewEventsAskForABiggerMaxBatch() {
        assertThat(new ProducerBatchingDetector().detect(Synthetic.context(WINDOW, array(batcher(4, 0.1, 1)))))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.summary()).contains("max batch is too small", "batch.maxEvents");
                    Evidence setting = f.evidence().get(f.evidence().size() - 1);
                    assertThat(setting.series()).isEqualTo("pacer_batcher_max_events");
                    assertThat(setting.observed()).isEqualTo(4);
                    assertThat(setting.threshold()).isGreaterThanOrEqualTo(20);
                });
    }

    @Test
    void aMaxOfAFewEventsIsTheLimitEvenWhenBatchesLeaveBeforeTheyFill() {
        // seen in the demo with batch.maxEvents=3: 111 batches/s of 1.8 events, in-flight slots freeing up early
        List<Series> few = new ArrayList<>();
        few.add(gauge("pacer_batcher_throughput_events_s", DEMO, 0.1, 3, m -> 200));
        few.add(gauge("pacer_batcher_batches_rate_batches_s", DEMO, 0.1, 4, m -> 111));
        few.add(Synthetic.series("pacer_batcher_max_events", DEMO, WINDOW, StreamShapes.STEP, m -> 3));
        few.add(Synthetic.series("pacer_batcher_linger_microseconds", DEMO, WINDOW, StreamShapes.STEP, m -> 100_000));
        assertThat(new ProducerBatchingDetector().detect(Synthetic.context(WINDOW, array(few))))
                .singleElement()
                .satisfies(f -> {
                    Evidence setting = f.evidence().get(f.evidence().size() - 1);
                    assertThat(setting.series()).isEqualTo("pacer_batcher_max_events");
                    assertThat(setting.threshold()).isBetween(20.0, 22.0); // 100 ms of ~200 events/s
                });
    }

    @Test
    void smallBatchesAtALowRateDoNotMatter() {
        List<Series> idle = new ArrayList<>();
        idle.add(gauge("pacer_batcher_throughput_events_s", DEMO, 0.2, 3, m -> 20));
        idle.add(gauge("pacer_batcher_batches_rate_batches_s", DEMO, 0.2, 4, m -> 10));
        assertThat(new ProducerBatchingDetector().detect(Synthetic.context(WINDOW, array(idle))))
                .isEmpty();
    }

    /** The demo's sink outage for the last {@code minutes}: breaker open, half-open trials every 5 s, spool filling. */
    private static List<Series> outage(double minutes) {
        List<Series> out = new ArrayList<>();
        out.add(Synthetic.series("pacer_batcher_breaker_state", DEMO, WINDOW, StreamShapes.STEP, m -> {
            if (!inLast(m, minutes)) {
                return 0;
            }
            return Math.round(m * 60) % 10 == 0 ? 1 : 2;
        }));
        out.add(Synthetic.series(
                "pacer_batcher_breaker_trips",
                DEMO,
                WINDOW,
                StreamShapes.STEP,
                m -> inLast(m, minutes) ? 1 + Math.floor((m - (StreamShapes.MINUTES - minutes)) * 12) : 0));
        out.add(Synthetic.series(
                "pacer_batcher_spool_depth_events",
                DEMO,
                WINDOW,
                StreamShapes.STEP,
                m -> inLast(m, minutes) ? 200 * 60 * (m - (StreamShapes.MINUTES - minutes)) : 0));
        Map<String, String> delivered = new java.util.TreeMap<>(DEMO);
        delivered.put("outcome", "delivered");
        out.add(counter("pacer_batcher_events_total", delivered, 0.1, 5, m -> inLast(m, minutes) ? 0 : 200));
        return out;
    }

    @Test
    void aSinkOutageAtTheEndOfTheWindowIsFoundAndIsNotFlapping() {
        Series[] history = array(outage(1));
        assertThat(new SinkOutageDetector().detect(Synthetic.context(WINDOW, history)))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKinds.SINK_OUTAGE);
                    assertThat(f.level()).isEqualTo(Level.CRITICAL);
                    assertThat(f.subject()).isEqualTo(DEMO);
                    assertThat(f.summary())
                            .contains("demo", "is down", "the last 60 s", "events spooled", "none delivered");
                });
        assertThat(new BreakerFlappingDetector().detect(Synthetic.context(WINDOW, history)))
                .isEmpty();
    }

    @Test
    void theDemosTwentySecondOutageIsFoundToo() {
        assertThat(new SinkOutageDetector().detect(Synthetic.context(WINDOW, array(outage(20 / 60.0)))))
                .hasSize(1);
    }

    @Test
    void aCalmBatcherHasNoOutageAndNoFlapping() {
        List<Series> calm = new ArrayList<>(outage(0.0001));
        calm.removeIf(s -> s.name().equals("pacer_batcher_breaker_state"));
        calm.add(Synthetic.series("pacer_batcher_breaker_state", DEMO, WINDOW, StreamShapes.STEP, m -> 0));
        assertThat(new SinkOutageDetector().detect(Synthetic.context(WINDOW, array(calm))))
                .isEmpty();
        assertThat(new BreakerFlappingDetector().detect(Synthetic.context(WINDOW, array(calm))))
                .isEmpty();
    }

    @Test
    void failingDeliveriesWithoutASpoolAreAnOutage() {
        Map<String, String> failed = new java.util.TreeMap<>(DEMO);
        failed.put("outcome", "failed");
        Map<String, String> delivered = new java.util.TreeMap<>(DEMO);
        delivered.put("outcome", "delivered");
        Series[] history = {
            Synthetic.series("pacer_batcher_breaker_state", DEMO, WINDOW, StreamShapes.STEP, m -> 0),
            counter("pacer_batcher_events_total", failed, 0.2, 1, m -> inLast(m, 2) ? 150 : 0),
            counter("pacer_batcher_events_total", delivered, 0.2, 2, m -> inLast(m, 2) ? 10 : 200)
        };
        assertThat(new SinkOutageDetector().detect(Synthetic.context(WINDOW, history)))
                .singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("fails deliveries"));
    }

    @Test
    void aBreakerThatOpensAndClosesAgainAndAgainIsFlapping() {
        // a trip at minutes 0.5, 1.5, 2.5 and 3.5, open for 4 s each time, closed in between
        Series state = Synthetic.series(
                "pacer_batcher_breaker_state",
                DEMO,
                WINDOW,
                StreamShapes.STEP,
                m -> (m % 1) >= 0.5 && (m % 1) < 0.57 ? 2 : 0);
        Series trips = Synthetic.series(
                "pacer_batcher_breaker_trips", DEMO, WINDOW, StreamShapes.STEP, m -> Math.floor(m + 0.5));
        assertThat(new BreakerFlappingDetector().detect(Synthetic.context(WINDOW, state, trips)))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKinds.BREAKER_FLAPPING);
                    assertThat(f.summary()).contains("5 times in 5 separate episodes", "sink fails intermittently");
                });
        assertThat(new SinkOutageDetector().detect(Synthetic.context(WINDOW, state, trips)))
                .isEmpty();
    }

    @Test
    void aCachesRedisBreakerFlapsToo() {
        Map<String, String> cache = Map.of("cache", "profiles", "target", "http://127.0.0.1:40123/metrics");
        Series state = Synthetic.series("pacer_cache_breaker_state", cache, WINDOW, StreamShapes.STEP, m -> 0);
        Series trips =
                Synthetic.series("pacer_cache_breaker_trips", cache, WINDOW, StreamShapes.STEP, m -> Math.floor(m * 2));
        assertThat(new BreakerFlappingDetector().detect(Synthetic.context(WINDOW, state, trips)))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.subject()).isEqualTo(cache);
                    assertThat(f.summary()).contains("cache profiles", "Redis");
                });
    }
}
