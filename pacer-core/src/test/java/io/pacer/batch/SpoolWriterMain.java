package io.pacer.batch;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child process for {@link SegmentSpoolKillTest}: appends batches of 1..20 consecutive numbered events to a spool
 * until it is killed, printing {@code ACK <lastId>} after each append returns and, every {@code commitEvery}
 * appends, peeking and committing one batch and printing {@code COMMIT <lastId of that batch>}.
 *
 * <p>Arguments: directory, segmentBytes, commitEvery (0 = never commit).
 */
final class SpoolWriterMain {

    private SpoolWriterMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long segmentBytes = Long.parseLong(args[1]);
        int commitEvery = Integer.parseInt(args[2]);
        PrintStream out = System.out;
        Random random = new Random(dir.hashCode());
        try (SegmentSpool<String> spool = SegmentSpool.open(dir, 1L << 30, SpoolCodec.utf8(), segmentBytes, false)) {
            long nextId = 1;
            for (long appends = 1; ; appends++) {
                int n = 1 + random.nextInt(20);
                List<String> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(Long.toString(nextId++));
                }
                spool.append(batch);
                out.println("ACK " + (nextId - 1));
                out.flush();
                if (commitEvery > 0 && appends % commitEvery == 0) {
                    List<String> head = spool.peek();
                    spool.commit();
                    out.println("COMMIT " + head.get(head.size() - 1));
                    out.flush();
                }
            }
        }
    }
}
