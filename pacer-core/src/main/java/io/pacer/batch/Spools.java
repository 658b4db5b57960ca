package io.pacer.batch;

import java.io.IOException;
import java.nio.file.Path;

/** Opens the spool implementation for a batcher. */
final class Spools {
    private Spools() {}

    static <T> Spool<T> open(Path directory, long maxBytes, SpoolCodec<T> codec) throws IOException {
        return SegmentSpool.open(directory, maxBytes, codec);
    }
}
