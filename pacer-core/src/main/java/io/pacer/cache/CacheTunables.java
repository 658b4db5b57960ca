package io.pacer.cache;

import io.pacer.tune.Tunable;
import io.pacer.tune.Tunables;
import io.pacer.tune.TunablesDirectory;
import java.time.Duration;

/** Declares a tiered cache's runtime-adjustable settings; each change is applied live to Caffeine or the L2 settings. */
final class CacheTunables {
    static final String L1_MAXIMUM_SIZE = "cache.l1.maximumSize";
    static final String L1_MAXIMUM_WEIGHT = "cache.l1.maximumWeight";
    static final String L1_TTL = "cache.l1.ttl";
    static final String L1_REFRESH_AFTER = "cache.l1.refreshAfter";
    static final String L2_TTL = "cache.l2.ttl";
    static final String L2_TIMEOUT = "cache.l2.timeout";
    static final String L2_LOCK_WAIT = "cache.l2.lockWait";

    private CacheTunables() {}

    /** Declares the cache's tunables in a registry listed in the process-wide directory until the cache closes. */
    static Tunables register(DefaultTieredCache<?, ?> cache, boolean weighted) {
        Tunables registry = TunablesDirectory.global().register("cache", cache.name());
        L1Settings l1 = cache.l1Settings();
        L2Settings l2 = cache.l2Settings();
        registry.register(
                Tunable.ofLong(
                        weighted ? L1_MAXIMUM_WEIGHT : L1_MAXIMUM_SIZE,
                        1L,
                        L1Settings.MAXIMUM_SIZE_LIMIT,
                        weighted ? "total weight L1 keeps" : "entries L1 keeps"),
                l1.maximumSize(),
                n -> cache.applyL1(cache.l1Settings().withMaximumSize(n)));
        registry.register(
                Tunable.ofDuration(
                        L1_TTL,
                        Duration.ofMillis(1),
                        L1Settings.MAX_TTL,
                        "an L1 entry expires this long after it was written; bounds a missed invalidation"),
                l1.ttl(),
                d -> cache.applyL1(cache.l1Settings().withTtl(d)));
        if (l1.refreshes()) {
            registry.register(
                    Tunable.ofDuration(
                            L1_REFRESH_AFTER,
                            Duration.ofMillis(1),
                            L1Settings.MAX_TTL,
                            "an L1 entry read this long after it was written is reloaded in the background"),
                    l1.refreshAfter(),
                    d -> cache.applyL1(cache.l1Settings().withRefreshAfter(d)));
        }
        registry.register(
                Tunable.ofDuration(
                        L2_TTL,
                        Duration.ofMillis(1),
                        L2Settings.MAX_TTL,
                        "values expire in Redis this long after they were written"),
                l2.ttl(),
                d -> cache.applyL2(cache.l2Settings().withTtl(d)));
        registry.register(
                Tunable.ofDuration(
                        L2_TIMEOUT,
                        L2Settings.MIN_TIMEOUT,
                        L2Settings.MAX_TIMEOUT,
                        "the longest a caller waits for one Redis call"),
                l2.timeout(),
                d -> cache.applyL2(cache.l2Settings().withTimeout(d)));
        registry.register(
                Tunable.ofDuration(
                        L2_LOCK_WAIT,
                        Duration.ZERO,
                        Duration.ofHours(1),
                        "how long a miss waits for another instance's load of the same key; zero loads at once"),
                l2.lockWait(),
                d -> cache.applyL2(
                        cache.l2Settings().withLock(cache.l2Settings().lockTtl(), d)));
        return registry;
    }
}
