package io.pacer.server.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An answer is reused for a second of the injected clock, per key, and the cache stays bounded. */
class HistoryCacheTest {

    @Test
    void anAnswerIsReusedWithinTheTtlAndRemadeAfterIt() {
        HistoryCache cache = new HistoryCache();
        AtomicInteger made = new AtomicInteger();
        java.util.function.Supplier<byte[]> make =
                () -> ("answer " + made.incrementAndGet()).getBytes(StandardCharsets.UTF_8);

        byte[] first = cache.get("cpu|{}|24.0|1m", 0, make);
        byte[] again = cache.get("cpu|{}|24.0|1m", HistoryCache.TTL_NANOS - 1, make);
        byte[] other = cache.get("mem|{}|24.0|1m", 10, make);
        byte[] later = cache.get("cpu|{}|24.0|1m", HistoryCache.TTL_NANOS, make);

        assertThat(again).isSameAs(first);
        assertThat(new String(other, StandardCharsets.UTF_8)).isEqualTo("answer 2");
        assertThat(new String(later, StandardCharsets.UTF_8)).isEqualTo("answer 3");
        for (int i = 0; i < HistoryCache.MAX_ENTRIES * 2; i++) {
            cache.get("k" + i, 20, make);
        }
        assertThat(made.get()).isEqualTo(3 + HistoryCache.MAX_ENTRIES * 2);
    }
}
