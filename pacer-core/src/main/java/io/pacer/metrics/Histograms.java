package io.pacer.metrics;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.DataFormatException;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * HdrHistograms as Pacer keeps and exchanges them: the standard shape of a latency histogram, the text form a
 * {@code RunResult} carries, and merging.
 *
 * <p>Why histograms and not percentiles travel: percentiles of several runs (processes, intervals, machines) cannot be
 * combined, histograms can — exactly, bucket by bucket. So a result keeps its full histogram beside its
 * {@link Percentiles}, and anything that combines results decodes, merges and summarises again.
 *
 * <p>The text form is base64 of HdrHistogram's compressed encoding
 * ({@link AbstractHistogram#encodeIntoCompressedByteBuffer}): compact, and decodable by any HdrHistogram library in
 * any language ({@code Histogram.decodeFromCompressedByteBuffer}). It is part of {@code pacer.run-result/1} and does
 * not change.
 */
public final class Histograms {

    /** Largest latency of the standard shape, µs: one hour. Larger latencies are recorded as one hour. */
    public static final long HIGHEST_LATENCY_MICROS = 3_600_000_000L;

    /** Precision of the standard shape: 3 significant digits, so every value is exact to 0.1 %. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private Histograms() {}

    /**
     * A new, empty latency histogram of the standard shape: values in µs from 0 to {@link #HIGHEST_LATENCY_MICROS},
     * {@value #SIGNIFICANT_DIGITS} significant digits. Not thread-safe; record from one thread or swap it behind a
     * {@link org.HdrHistogram.WriterReaderPhaser} as HdrHistogram's {@code Recorder} does.
     */
    public static Histogram latency() {
        return new Histogram(HIGHEST_LATENCY_MICROS, SIGNIFICANT_DIGITS);
    }

    /** {@code histogram} as text: base64 of its compressed encoding. */
    public static String encode(AbstractHistogram histogram) {
        Objects.requireNonNull(histogram, "histogram");
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /**
     * The histogram {@link #encode} wrote.
     *
     * @throws IllegalArgumentException if {@code base64} is not a base64-encoded compressed HdrHistogram
     */
    public static Histogram decode(String base64) {
        Objects.requireNonNull(base64, "base64");
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("histogram is not a base64-encoded compressed HdrHistogram: " + e, e);
        }
    }

    /**
     * One histogram holding every value of the {@linkplain #encode encoded} histograms, exactly. It has
     * {@value #SIGNIFICANT_DIGITS} significant digits and grows to hold the largest value; none given gives an empty
     * histogram.
     *
     * @throws IllegalArgumentException if one of them does not decode
     */
    public static Histogram merge(Iterable<String> encoded) {
        Histogram merged = new Histogram(SIGNIFICANT_DIGITS);
        for (String e : encoded) {
            merged.add(decode(e));
        }
        return merged;
    }
}
