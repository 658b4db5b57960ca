package io.pacer.analysis.detect;

import io.pacer.analysis.Detector;
import java.util.List;

/**
 * The stream detectors: Kafka lag and skew, producer batching, breakers, sinks, Redis. Each reads what the monitor's
 * collectors write — {@code kafka.*} from the lag collector, {@code redis.*} from the Redis collector, and the scraped
 * meters of applications built on Pacer's library ({@code pacer_batcher_*}, {@code pacer_cache_*}, labelled with the
 * scrape {@code target}).
 */
final class StreamDetectors {

    private StreamDetectors() {}

    static List<Detector> all() {
        return List.of(
                new LagGrowthDetector(),
                new PartitionSkewDetector(),
                new ProducerBatchingDetector(),
                new BreakerFlappingDetector(),
                new SinkOutageDetector(),
                new RedisHitDropDetector(),
                new RedisEvictionsDetector());
    }
}
