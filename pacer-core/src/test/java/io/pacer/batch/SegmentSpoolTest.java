package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentSpoolTest {

    private static final SpoolCodec<String> UTF8 = SpoolCodec.utf8();
    /** Tiny segments, so a handful of records already spans several files. */
    private static final long SEGMENT_BYTES = 100;

    @TempDir
    Path dir;

    private SegmentSpool<String> open() throws IOException {
        return open(1 << 20);
    }

    private SegmentSpool<String> open(long maxBytes) throws IOException {
        return SegmentSpool.open(dir, maxBytes, UTF8, SEGMENT_BYTES, false);
    }

    private static List<String> batch(int n) {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add("b" + n + "-e" + i);
        }
        return batch;
    }

    private static int recordBytes(List<String> batch) {
        return SpoolRecordFormat.encode(batch, UTF8).remaining();
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("spool-\\d{20}\\.log"))
                    .sorted()
                    .toList();
        }
    }

    /** Peeks and commits everything, returning the batches in order. */
    private static List<List<String>> drain(SegmentSpool<String> spool) throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (List<String> b = spool.peek(); b != null; b = spool.peek()) {
            out.add(b);
            spool.commit();
        }
        return out;
    }

    @Test
    void roundTripAcrossSegmentRollsAndReopens() throws IOException {
        List<List<String>> read = new ArrayList<>();
        try (SegmentSpool<String> spool = open()) {
            for (int i = 0; i < 10; i++) {
                spool.append(batch(i));
            }
            assertThat(segmentFiles()).hasSizeGreaterThan(3);
            assertThat(spool.depthEvents()).isEqualTo(30);
            for (int i = 0; i < 4; i++) {
                read.add(spool.peek());
                assertThat(spool.peek()).as("peek is idempotent until commit").isEqualTo(read.get(i));
                spool.commit();
            }
        }
        try (SegmentSpool<String> spool = open()) {
            assertThat(spool.depthEvents()).isEqualTo(18);
            assertThat(spool.sizeBytes()).isEqualTo(6L * recordBytes(batch(4)));
            read.add(spool.peek());
            spool.commit();
            for (int i = 10; i < 14; i++) {
                spool.append(batch(i));
            }
        }
        try (SegmentSpool<String> spool = open()) {
            read.addAll(drain(spool));
            assertThat(spool.depthEvents()).isZero();
            assertThat(spool.sizeBytes()).isZero();
        }
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            expected.add(batch(i));
        }
        assertThat(read).isEqualTo(expected);
        try (SegmentSpool<String> spool = open()) {
            assertThat(spool.peek()).as("nothing repeats after commits").isNull();
            assertThat(segmentFiles()).as("consumed segments are deleted").hasSize(1);
        }
    }

    @Test
    void uncommittedPeekIsReplayedAfterReopen() throws IOException {
        try (SegmentSpool<String> spool = open()) {
            spool.append(batch(1));
            spool.append(batch(2));
            assertThat(spool.peek()).isEqualTo(batch(1));
        }
        try (SegmentSpool<String> spool = open()) {
            assertThat(drain(spool)).containsExactly(batch(1), batch(2));
        }
    }

    @Test
    void appendAndReadInterleaveOnOneThread() throws IOException {
        try (SegmentSpool<String> spool = open()) {
            assertThat(spool.peek()).isNull();
            spool.append(batch(1));
            assertThat(spool.peek()).isEqualTo(batch(1));
            spool.append(batch(2)); // while a batch is peeked
            spool.commit();
            assertThat(spool.peek()).isEqualTo(batch(2));
            spool.commit();
            assertThat(spool.peek()).isNull();
            spool.append(batch(3)); // after the spool drained and rolled
            assertThat(spool.peek()).isEqualTo(batch(3));
            spool.commit();
        }
    }

    private Path appendFiveBatchesInOneSegment() throws IOException {
        try (SegmentSpool<String> spool = SegmentSpool.open(dir, 1 << 20, UTF8, 1 << 20, false)) {
            for (int i = 0; i < 5; i++) {
                spool.append(batch(i));
            }
        }
        return segmentFiles().get(0);
    }

    @Test
    void tornTailIsCutAndLaterAppendsWork() throws IOException {
        Path segment = appendFiveBatchesInOneSegment();
        long size = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(size - 3);
        }
        assertRecoveredFourThenAppends(segment, size);
    }

    @Test
    void flippedPayloadByteFailsChecksumAndIsCut() throws IOException {
        Path segment = appendFiveBatchesInOneSegment();
        long size = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(size - 2);
            int b = file.read();
            file.seek(size - 2);
            file.write(b ^ 0x01);
        }
        assertRecoveredFourThenAppends(segment, size);
    }

    private void assertRecoveredFourThenAppends(Path segment, long originalSize) throws IOException {
        long fourRecords = 4L * recordBytes(batch(0));
        try (SegmentSpool<String> spool = SegmentSpool.open(dir, 1 << 20, UTF8, 1 << 20, false)) {
            assertThat(Files.size(segment))
                    .as("cut at the start of the bad record")
                    .isEqualTo(fourRecords);
            assertThat(originalSize).isEqualTo(fourRecords + recordBytes(batch(4)));
            assertThat(spool.depthEvents()).isEqualTo(12);
            assertThat(spool.sizeBytes()).isEqualTo(fourRecords);
            spool.append(batch(9));
        }
        try (SegmentSpool<String> spool = SegmentSpool.open(dir, 1 << 20, UTF8, 1 << 20, false)) {
            assertThat(drain(spool)).containsExactly(batch(0), batch(1), batch(2), batch(3), batch(9));
        }
    }

    @Test
    void corruptRecordInEarlierSegmentCutsThatSegmentButKeepsLaterOnes() throws IOException {
        try (SegmentSpool<String> spool = open()) {
            for (int i = 0; i < 6; i++) {
                spool.append(batch(i)); // 2 records per 100-byte segment
            }
        }
        List<Path> files = segmentFiles();
        assertThat(files).hasSize(3);
        try (RandomAccessFile file = new RandomAccessFile(files.get(1).toFile(), "rw")) {
            file.seek(0);
            file.write(0x00); // bad magic on the first record of the middle segment
        }
        try (SegmentSpool<String> spool = open()) {
            assertThat(spool.depthEvents()).isEqualTo(12);
            assertThat(drain(spool)).containsExactly(batch(0), batch(1), batch(4), batch(5));
        }
    }

    @Test
    void fullSpoolRejectsWholeRecordAndRecoversAfterCommit() throws IOException {
        int record = recordBytes(batch(0));
        long maxBytes = 3L * record + record / 2;
        try (SegmentSpool<String> spool = open(maxBytes)) {
            for (int i = 0; i < 3; i++) {
                spool.append(batch(i));
            }
            long bytesOnDisk = totalSegmentBytes();
            assertThatThrownBy(() -> spool.append(batch(3)))
                    .isInstanceOf(SpoolFullException.class)
                    .hasMessageContaining("spool at " + dir.toAbsolutePath() + " is full")
                    .hasMessageContaining(3L * record + " bytes used of maxBytes " + maxBytes)
                    .hasMessageContaining("Overflow.spill(dir, maxBytes)");
            assertThat(totalSegmentBytes()).as("nothing partial written").isEqualTo(bytesOnDisk);
            assertThat(spool.depthEvents()).isEqualTo(9);
            spool.peek();
            spool.commit();
            spool.append(batch(3));
            assertThat(spool.sizeBytes()).isEqualTo(3L * record);
        }
        try (SegmentSpool<String> spool = open(maxBytes)) {
            assertThat(drain(spool)).containsExactly(batch(1), batch(2), batch(3));
        }
    }

    @Test
    void recordLargerThanTheBoundIsRejected() throws IOException {
        try (SegmentSpool<String> spool = open(20)) {
            assertThatThrownBy(() -> spool.append(List.of("x".repeat(100))))
                    .isInstanceOf(SpoolFullException.class)
                    .hasMessageContaining("next record needs 117");
            assertThat(spool.peek()).isNull();
        }
    }

    private long totalSegmentBytes() throws IOException {
        long total = 0;
        for (Path f : segmentFiles()) {
            total += Files.size(f);
        }
        return total;
    }

    @Test
    void bigRecordGetsItsOwnSegment() throws IOException {
        try (SegmentSpool<String> spool = open()) {
            spool.append(List.of("a"));
            spool.append(List.of("y".repeat(500)));
            spool.append(List.of("b"));
            assertThat(segmentFiles()).hasSize(3);
            assertThat(drain(spool)).containsExactly(List.of("a"), List.of("y".repeat(500)), List.of("b"));
        }
    }

    @Test
    void corruptCheckpointReplaysFromOldestSegment() throws IOException {
        try (SegmentSpool<String> spool = SegmentSpool.open(dir, 1 << 20, UTF8, 1 << 20, false)) {
            spool.append(batch(1));
            spool.append(batch(2));
            spool.peek();
            spool.commit();
        }
        Files.write(dir.resolve(SpoolCheckpoint.FILE_NAME), new byte[] {1, 2, 3});
        try (SegmentSpool<String> spool = SegmentSpool.open(dir, 1 << 20, UTF8, 1 << 20, false)) {
            assertThat(drain(spool)).containsExactly(batch(1), batch(2));
        }
    }

    @Test
    void checkpointRoundTripsAndRejectsDamage() {
        SpoolCheckpoint checkpoint = new SpoolCheckpoint(42, 4711);
        byte[] bytes = checkpoint.toBytes();
        assertThat(SpoolCheckpoint.parse(bytes)).isEqualTo(checkpoint);
        bytes[10] ^= 0x40;
        assertThat(SpoolCheckpoint.parse(bytes)).isNull();
    }

    @Test
    void misuseIsRejectedWithClearMessages() throws IOException {
        SegmentSpool<String> spool = open();
        assertThatThrownBy(spool::commit)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("peek()");
        assertThatThrownBy(() -> spool.append(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentSpool.open(dir, 1 << 20, UTF8))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("already open");
        spool.append(batch(1));
        spool.close();
        spool.close(); // idempotent
        assertThatThrownBy(() -> spool.append(batch(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(spool::peek).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(spool::commit).isInstanceOf(IllegalStateException.class);
        assertThat(spool.depthEvents()).as("gauges stay readable after close").isEqualTo(3);
        assertThatThrownBy(() -> SegmentSpool.open(dir, 0, UTF8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytes");
    }
}
