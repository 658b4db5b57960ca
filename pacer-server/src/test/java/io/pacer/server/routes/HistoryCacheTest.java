package io.pacer.server.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.monitor.store.Resolution;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Fresh for the TTL; then stale while one background refresh runs (the refreshes queue here and run when the test
 * says); made by the request itself when there is none or it is too stale; bounded. Time is an injected nano clock.
 */
class HistoryCacheTest {

    private static final long TTL = HistoryCache.ttlNanos(Resolution.MINUTE);

    private final AtomicLong now = new AtomicLong();
    private final Queue<Runnable> refreshes = new ArrayDeque<>();
    private final HistoryCache cache = new HistoryCache(refreshes::add, now::get);
    private final AtomicInteger made = new AtomicInteger();
    private final Supplier<byte[]> make = () -> ("answer " + made.incrementAndGet()).getBytes(StandardCharsets.UTF_8);

    private String get(String key) {
        return new String(cache.get(key, TTL, make), StandardCharsets.UTF_8);
    }

    @Test
    void anAnswerIsFreshForATwelfthOfItsStepAndAtLeastASecond() {
        assertThat(HistoryCache.ttlNanos(Resolution.MINUTE))
                .isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(HistoryCache.ttlNanos(Resolution.FIVE_MINUTES))
                .isEqualTo(Duration.ofSeconds(25).toNanos());
        assertThat(HistoryCache.ttlNanos(Resolution.DAY))
                .isEqualTo(Duration.ofHours(2).toNanos());
        assertThat(HistoryCache.ttlNanos(Resolution.RAW)).isEqualTo(HistoryCache.MIN_TTL_NANOS);

        assertThat(get("cpu")).isEqualTo("answer 1");
        now.set(TTL - 1);
        assertThat(get("cpu")).as("fresh: reused").isEqualTo("answer 1");
        assertThat(get("mem")).as("another key").isEqualTo("answer 2");
        assertThat(refreshes).isEmpty();
    }

    @Test
    void aStaleAnswerIsServedWhileOneRefreshRunsThenTheNewOne() {
        get("cpu");
        now.set(TTL);

        assertThat(get("cpu")).as("stale, served at once").isEqualTo("answer 1");
        assertThat(get("cpu")).isEqualTo("answer 1");
        assertThat(refreshes).as("one refresh for many requests").hasSize(1);
        assertThat(made).as("nothing made on the requests' threads").hasValue(1);

        refreshes.poll().run();
        assertThat(get("cpu")).isEqualTo("answer 2");
        now.set(2 * TTL - 1);
        assertThat(get("cpu")).as("fresh from when the refresh started").isEqualTo("answer 2");
        assertThat(refreshes).isEmpty();
    }

    @Test
    void tooStaleARequestMakesItItselfAndAFailedRefreshIsRetried() {
        get("cpu");
        now.set(TTL);
        get("cpu");
        Supplier<byte[]> failing = () -> {
            throw new IllegalStateException("the store is away");
        };
        refreshes.clear();
        assertThat(cache.get("cpu", TTL, failing))
                .as("a refresh is already queued: none more")
                .isNotNull();
        assertThat(refreshes).isEmpty();

        now.set(2 * TTL);
        HistoryCache other = new HistoryCache(refreshes::add, now::get);
        other.get("k", TTL, make);
        now.set(3 * TTL);
        assertThat(other.get("k", TTL, failing)).isNotNull();
        refreshes.poll().run();
        other.get("k", TTL, make);
        assertThat(refreshes)
                .as("the failed refresh is tried again by the next request")
                .hasSize(1);

        now.set(3 * TTL + HistoryCache.STALE_TTLS * TTL);
        assertThatThrownBy(() -> other.get("k", TTL, failing))
                .as("too stale: the request makes it and sees why it cannot be had")
                .hasMessage("the store is away");
        assertThat(new String(other.get("k", TTL, make), StandardCharsets.UTF_8))
                .startsWith("answer ");
    }

    @Test
    void theCacheStaysBoundedInEntriesAndBytesAndForgetsWhatIsTooStale() {
        for (int i = 0; i < HistoryCache.MAX_ENTRIES * 2; i++) {
            get("k" + i);
        }
        get("k0");
        assertThat(made.get()).isEqualTo(HistoryCache.MAX_ENTRIES * 2 + 1);

        byte[] big = new byte[(int) (HistoryCache.MAX_BYTES / 4)];
        HistoryCache bytes = new HistoryCache(refreshes::add, now::get);
        for (int i = 0; i < 5; i++) {
            bytes.get("big" + i, TTL, () -> big);
        }
        AtomicInteger remade = new AtomicInteger();
        bytes.get("big0", TTL, () -> {
            remade.incrementAndGet();
            return big;
        });
        assertThat(remade)
                .as("the fifth quarter of the byte bound started the cache over")
                .hasValue(1);

        HistoryCache stale = new HistoryCache(refreshes::add, now::get);
        stale.get("old", TTL, make);
        now.addAndGet(HistoryCache.STALE_TTLS * TTL);
        stale.get("new", TTL, make);
        int before = made.get();
        stale.get("old", TTL, make);
        assertThat(made.get()).as("too stale: forgotten, made again").isEqualTo(before + 1);
    }
}
