package io.pacer.load;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/** Latency histograms of one shape (µs, up to an hour, 3 significant digits) and their text encoding. */
final class Histograms {

    /** Latencies above an hour are recorded as an hour. */
    static final long HIGHEST_MICROS = 3_600_000_000L;

    static final int DIGITS = 3;

    private Histograms() {}

    static Histogram create() {
        return new Histogram(HIGHEST_MICROS, DIGITS);
    }

    /** Base64 of HdrHistogram's compressed encoding: compact, and decodable by any HdrHistogram library. */
    static String encode(AbstractHistogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("histogram is not a base64-encoded compressed HdrHistogram: " + e, e);
        }
    }
}
