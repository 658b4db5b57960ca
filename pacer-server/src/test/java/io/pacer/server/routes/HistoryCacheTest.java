package io.pacer.server.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.store.Resolution;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An answer is reused for its TTL on the injected clock, per key, and the cache stays bounded. */
class HistoryCacheTest {

    @Test
    void anAnswerIsReusedWithinTheTtlAndRemadeAfterIt() {
        HistoryCache cache = new HistoryCache();
        AtomicInteger made = new AtomicInteger();
        java.util.function.Supplier<byte[]> make =
                () -> ("answer " + made.incrementAndGet()).getBytes(StandardCharsets.UTF_8);

        long ttl = HistoryCache.ttlNanos(Resolution.MINUTE);
        byte[] first = cache.get("cpu|{}|24.0|1m", 0, ttl, make);
        byte[] again = cache.get("cpu|{}|24.0|1m", ttl - 1, ttl, make);
        byte[] other = cache.get("mem|{}|24.0|1m", 10, ttl, make);
        byte[] later = cache.get("cpu|{}|24.0|1m", ttl, ttl, make);

        assertThat(again).isSameAs(first);
        assertThat(new String(other, StandardCharsets.UTF_8)).isEqualTo("answer 2");
        assertThat(new String(later, StandardCharsets.UTF_8)).isEqualTo("answer 3");
        for (int i = 0; i < HistoryCache.MAX_ENTRIES * 2; i++) {
            cache.get("k" + i, 20, ttl, make);
        }
        assertThat(made.get()).isEqualTo(3 + HistoryCache.MAX_ENTRIES * 2);
    }

    @Test
    void anAnswerIsReusedForATwelfthOfItsStepAndAtLeastASecond() {
        assertThat(HistoryCache.ttlNanos(Resolution.MINUTE))
                .isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(HistoryCache.ttlNanos(Resolution.FIVE_MINUTES))
                .isEqualTo(Duration.ofSeconds(25).toNanos());
        assertThat(HistoryCache.ttlNanos(Resolution.DAY))
                .isEqualTo(Duration.ofHours(2).toNanos());
        assertThat(HistoryCache.ttlNanos(Resolution.RAW)).isEqualTo(HistoryCache.MIN_TTL_NANOS);
    }
}
