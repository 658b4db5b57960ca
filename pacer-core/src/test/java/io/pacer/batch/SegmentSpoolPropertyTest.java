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
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Random append / peek / commit / reopen sequences against an in-memory model (a deque of batches): after every
 * step the spool's head, depth and size equal the model's.
 */
class SegmentSpoolPropertyTest {

    private static final SpoolCodec<String> UTF8 = SpoolCodec.utf8();

    sealed interface Op permits Append, Peek, Commit, Reopen {
    }

    record Append(List<String> batch) implements Op {
    }

    record Peek() implements Op {
    }

    record Commit() implements Op {
    }

    record Reopen() implements Op {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<String> event = Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(12);
        Arbitrary<Op> append = event.list().ofMinSize(1).ofMaxSize(5).map(Append::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(4, append),
                        Tuple.of(3, Arbitraries.just(new Peek())),
                        Tuple.of(3, Arbitraries.just(new Commit())),
                        Tuple.of(1, Arbitraries.just(new Reopen())))
                .list().ofMaxSize(60);
    }

    @Property(tries = 200)
    void spoolBehavesLikeADeque(@ForAll("ops") List<Op> ops,
            @ForAll @IntRange(min = 20, max = 400) int segmentBytes,
            @ForAll @IntRange(min = 30, max = 600) int maxBytes) throws IOException {
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
                assertThat(spool.depthEvents()).isEqualTo(model.stream().mapToLong(List::size).sum());
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
        return model.stream().mapToLong(b -> SpoolRecordFormat.encode(b, UTF8).remaining()).sum();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
