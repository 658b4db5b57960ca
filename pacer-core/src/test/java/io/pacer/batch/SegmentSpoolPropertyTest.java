package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random append / peek / commit / reopen sequences against an in-memory model (a deque of batches): after every
 * step the spool's head, depth and size equal the model's.
 */
class SegmentSpoolPropertyTest {

    private static final SpoolCodec<String> UTF8 = SpoolCodec.utf8();

    sealed interface Op permits Append, Peek, Commit, Reopen {}

    record Append(List<String> batch) implements Op {}

    record Peek() implements Op {}

    record Commit() implements Op {}

    record Reopen() implements Op {}

    /** 200 seeded runs: a failure names its seed, and the same seed replays the same operations. */
    static Stream<Long> seeds() {
        return new Random(20261124L).longs(200).boxed();
    }

    static List<Op> ops(Random random) {
        List<Op> ops = new ArrayList<>();
        int n = random.nextInt(61);
        for (int i = 0; i < n; i++) {
            int pick = random.nextInt(11);
            if (pick < 4) {
                List<String> batch = new ArrayList<>();
                int size = 1 + random.nextInt(5);
                for (int j = 0; j < size; j++) {
                    StringBuilder event = new StringBuilder();
                    int length = random.nextInt(13);
                    for (int k = 0; k < length; k++) {
                        event.append((char) ('a' + random.nextInt(26)));
                    }
                    batch.add(event.toString());
                }
                ops.add(new Append(batch));
            } else if (pick < 7) {
                ops.add(new Peek());
            } else if (pick < 10) {
                ops.add(new Commit());
            } else {
                ops.add(new Reopen());
            }
        }
        return ops;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void spoolBehavesLikeADeque(long seed) throws IOException {
        Random random = new Random(seed);
        int segmentBytes = 20 + random.nextInt(381);
        int maxBytes = 30 + random.nextInt(571);
        List<Op> ops = ops(random);
        Path dir = Files.createTempDirectory("spool-prop");
        try {
            run(ops, dir, segmentBytes, maxBytes);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void run(List<Op> ops, Path dir, int segmentBytes, int maxBytes) throws IOException {
        ArrayDeque<List<String>> model = new ArrayDeque<>();
        boolean peeked = false;
        SegmentSpool<String> spool = SegmentSpool.open(dir, maxBytes, UTF8, segmentBytes, false);
        try {
            for (Op op : ops) {
                SegmentSpool<String> current = spool;
                if (op instanceof Append a) {
                    int record = SpoolRecordFormat.encode(a.batch(), UTF8).remaining();
                    if (modelBytes(model) + record > maxBytes) {
                        assertThatThrownBy(() -> current.append(a.batch())).isInstanceOf(SpoolFullException.class);
                    } else {
                        spool.append(a.batch());
                        model.addLast(a.batch());
                    }
                } else if (op instanceof Peek) {
                    assertThat(spool.peek()).isEqualTo(model.peekFirst());
                    peeked = !model.isEmpty();
                } else if (op instanceof Commit) {
                    if (peeked) {
                        spool.commit();
                        model.removeFirst();
                        peeked = false;
                    } else {
                        assertThatThrownBy(current::commit).isInstanceOf(IllegalStateException.class);
                    }
                } else {
                    spool.close();
                    spool = SegmentSpool.open(dir, maxBytes, UTF8, segmentBytes, false);
                    peeked = false;
                }
                assertThat(spool.depthEvents())
                        .isEqualTo(model.stream().mapToLong(List::size).sum());
                assertThat(spool.sizeBytes()).isEqualTo(modelBytes(model));
            }
            List<List<String>> rest = new ArrayList<>();
            for (List<String> b = spool.peek(); b != null; b = spool.peek()) {
                rest.add(b);
                spool.commit();
            }
            assertThat(rest).isEqualTo(new ArrayList<>(model));
        } finally {
            spool.close();
        }
    }

    private static long modelBytes(ArrayDeque<List<String>> model) {
        return model.stream()
                .mapToLong(b -> SpoolRecordFormat.encode(b, UTF8).remaining())
                .sum();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
