package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.StreamShapes.WINDOW;
import static io.pacer.analysis.detect.StreamShapes.counter;
import static io.pacer.analysis.detect.StreamShapes.gauge;
import static io.pacer.analysis.detect.StreamShapes.inLast;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.Level;
import io.pacer.analysis.Synthetic;
import io.pacer.monitor.store.Series;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redis hit-ratio drop and evictions over the counters the monitor's Redis collector writes. */
class RedisDetectorsTest {

    private static final Map<String, String> REDIS = Map.of("target", "127.0.0.1:6380");

    /** Lookups at 300/s whose hit share is {@code ratio(minute)}, ± noise. */
    private static Series[] lookups(long seed, java.util.function.DoubleUnaryOperator ratio) {
        return new Series[] {
            counter("redis.keyspace.hits.total", REDIS, 0.3, seed, m -> 300 * ratio.applyAsDouble(m)),
            counter("redis.keyspace.misses.total", REDIS, 0.3, seed + 100, m -> 300 * (1 - ratio.applyAsDouble(m)))
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aSteadyHitRatioWithNoiseIsNotADrop(long seed) {
        assertThat(new RedisHitDropDetector().detect(Synthetic.context(WINDOW, lookups(seed, m -> 0.85))))
                .isEmpty();
    }

    @Test
    void aWarmingCacheRisesAndThatIsNotADropEither() {
        assertThat(new RedisHitDropDetector().detect(Synthetic.context(WINDOW, lookups(1, m -> Math.min(0.9, m / 4)))))
                .isEmpty();
    }

    @Test
    void aHitRatioThatFallsInTheLastMinutesIsADrop() {
        assertThat(new RedisHitDropDetector()
                        .detect(Synthetic.context(WINDOW, lookups(1, m -> inLast(m, 2) ? 0.45 : 0.9))))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKinds.REDIS_HIT_DROP);
                    assertThat(f.subject()).isEqualTo(REDIS);
                    assertThat(f.summary()).contains("127.0.0.1:6380", "from 90% to 4");
                    assertThat(f.evidence().get(0).observed()).isGreaterThan(0.3);
                });
    }

    @Test
    void tooFewLookupsSayNothing() {
        Series[] few = {
            counter("redis.keyspace.hits.total", REDIS, 0, 1, m -> inLast(m, 2) ? 0 : 0.5),
            counter("redis.keyspace.misses.total", REDIS, 0, 2, m -> inLast(m, 2) ? 0.5 : 0)
        };
        assertThat(new RedisHitDropDetector().detect(Synthetic.context(WINDOW, few)))
                .isEmpty();
    }

    @Test
    void steadyEvictionsAtTheMemoryLimitAreCritical() {
        Series[] history = {
            counter("redis.evicted.keys.total", REDIS, 0.5, 1, m -> inLast(m, 3) ? 40 : 0),
            gauge("redis.memory.used.ratio", REDIS, 0.01, 2, m -> inLast(m, 3) ? 0.98 : 0.6),
            Synthetic.series("redis.memory.max.bytes", REDIS, WINDOW, StreamShapes.STEP, m -> 4 << 20)
        };
        assertThat(new RedisEvictionsDetector().detect(Synthetic.context(WINDOW, history)))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKinds.REDIS_EVICTIONS);
                    assertThat(f.level()).isEqualTo(Level.CRITICAL);
                    assertThat(f.subject()).isEqualTo(REDIS);
                    assertThat(f.summary()).contains("evicted", "maxmemory (4 MiB)", "too small");
                    assertThat(f.confidence()).isGreaterThan(0.8);
                });
    }

    @Test
    void aTrickleOfEvictionsIsAWarningABurstLongAgoIsInfoAndNoneAreNothing() {
        Series trickle = counter("redis.evicted.keys.total", REDIS, 0, 1, m -> inLast(m, 4) ? 0.5 : 0);
        assertThat(new RedisEvictionsDetector().detect(Synthetic.context(WINDOW, trickle)))
                .singleElement()
                .satisfies(f -> assertThat(f.level()).isEqualTo(Level.WARNING));
        // the demo's fault, then maxmemory raised: the evictions are history, not what is wrong now
        Series burst = counter("redis.evicted.keys.total", REDIS, 0, 1, m -> m >= 1 && m < 2 ? 60 : 0);
        assertThat(new RedisEvictionsDetector().detect(Synthetic.context(WINDOW, burst)))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.level()).isEqualTo(Level.INFO);
                    assertThat(f.summary()).contains("none for the last 3 min");
                });
        Series none = counter("redis.evicted.keys.total", REDIS, 0, 1, m -> 0);
        Series used = gauge("redis.memory.used.ratio", REDIS, 0.2, 3, m -> 0.7);
        assertThat(new RedisEvictionsDetector().detect(Synthetic.context(WINDOW, none, used)))
                .isEmpty();
    }
}
