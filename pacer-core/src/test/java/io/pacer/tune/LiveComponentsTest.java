package io.pacer.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.batch.Batcher;
import io.pacer.cache.TieredCache;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.testing.InMemorySink;
import io.pacer.testing.RedisExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Batchers and caches list their tunables in the process-wide directory while they live, and only then. */
@ExtendWith(RedisExtension.class)
class LiveComponentsTest {

    @Test
    void aBatcherIsReachableByQualifiedNameUntilItCloses() {
        TunablesDirectory directory = TunablesDirectory.global();
        Batcher<String> batcher = Batcher.<String>builder().name("live-orders").build(InMemorySink.create());
        try {
            assertThat(directory.find("batcher.live-orders")).containsSame(batcher.tunables());

            directory.set("batcher.live-orders.batch.maxEvents", 7, "ops");

            assertThat(batcher.snapshot().maxEvents()).isEqualTo(7);
            assertThat(batcher.tunables().get("batch.maxEvents")).isEqualTo(7);
        } finally {
            batcher.close();
        }
        assertThat(directory.find("batcher.live-orders")).isEmpty();
    }

    @Test
    void aCacheIsReachableByQualifiedNameUntilItCloses(EmbeddedRedis redis) {
        TunablesDirectory directory = TunablesDirectory.global();
        try (TieredCache<String, String> cache = TieredCache.<String, String>builder("live-users", String.class)
                .redis(redis.uri())
                .build()) {
            directory.set("cache.live-users.cache.l1.ttl", "2m", "ops");

            assertThat(cache.tunables().get("cache.l1.ttl")).isEqualTo(Duration.ofMinutes(2));
            assertThat(directory.find("cache.live-users")).containsSame(cache.tunables());
        }
        assertThat(directory.find("cache.live-users")).isEmpty();
    }
}
