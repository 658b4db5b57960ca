package io.pacer.verdict.kafka.tune;

import io.pacer.verdict.kafka.KafkaProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the tuner may try: {@code batch.size} × {@code linger.ms} × {@code compression.type} (× {@code acks} when
 * durability is relaxed), in an order shuffled by the seed so the first rung samples the whole grid rather than one
 * corner; the profiles take turns with the first grid points, so a small search measures both.
 * Kafka's defaults are not here: the search always runs them as the baseline.
 */
final class CandidateSpace {

    static final List<Integer> BATCH_SIZES = List.of(16_384, 32_768, 65_536, 131_072, 262_144, 524_288);
    static final List<Integer> LINGER_MS = List.of(0, 1, 2, 5, 10, 20, 50);
    static final List<String> COMPRESSION = List.of("none", "lz4", "snappy", "zstd");
    static final List<KafkaProfile> PROFILES =
            List.of(KafkaProfile.THROUGHPUT, KafkaProfile.BALANCED, KafkaProfile.LATENCY, KafkaProfile.SEED);

    private CandidateSpace() {}

    /** Every candidate in the order the search takes them. */
    static List<Candidate> candidates(Durability durability, long seed) {
        List<Candidate> named = new ArrayList<>();
        for (KafkaProfile profile : PROFILES) {
            named.add(new Candidate("profile:" + profile.id(), profile.producerProperties()));
        }
        List<Candidate> grid = new ArrayList<>();
        List<String> acks = durability == Durability.RELAXED ? List.of("all", "1") : List.of("all");
        for (int batch : BATCH_SIZES) {
            for (int linger : LINGER_MS) {
                for (String compression : COMPRESSION) {
                    for (String ack : acks) {
                        grid.add(grid(batch, linger, compression, ack));
                    }
                }
            }
        }
        Collections.shuffle(grid, new Random(seed));
        // profiles and grid points in turn, so even the smallest first rung samples the grid
        List<Candidate> all = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            all.add(named.get(i));
            all.add(grid.get(i));
        }
        all.addAll(grid.subList(named.size(), grid.size()));
        return all;
    }

    private static Candidate grid(int batch, int linger, String compression, String acks) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("batch.size", String.valueOf(batch));
        p.put("linger.ms", String.valueOf(linger));
        p.put("compression.type", compression);
        String name = "b" + batch + "-l" + linger + "-" + compression;
        if (!"all".equals(acks)) {
            // explicit, so the client does not turn idempotence off without a word (apache/kafka#11788)
            p.put("acks", acks);
            p.put("enable.idempotence", "false");
            name += "-acks" + acks;
        }
        return new Candidate(name, p);
    }
}
