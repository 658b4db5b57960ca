package io.pacer.load.replay;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds bytes eight at a time (SWAR): the capture reader spends most of its time looking for the end of a line or
 * of a CSV field, one byte at a time. A word's zero bytes are found with the classic
 * {@code (w - 0x01..01) & ~w & 0x80..80} test after XOR-ing the word with the byte sought; the lowest flagged
 * byte is always a true match (false positives can only sit above a true one), and the words are read
 * little-endian so the lowest byte is the first in the array.
 */
final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {}

    /** The byte repeated in all eight lanes of a word, as {@link #indexOf} takes it. */
    static long lanes(char ascii) {
        return (ascii & 0xFFL) * ONES;
    }

    /** Index of the first byte in {@code b[from, to)} equal to the byte in {@code lanes}, or -1. */
    static int indexOf(byte[] b, int from, int to, long lanes) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long found = zeroBytes((long) LONGS.get(b, i) ^ lanes);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        byte target = (byte) lanes;
        for (; i < to; i++) {
            if (b[i] == target) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first byte in {@code b[from, to)} equal to either lane byte, or -1. */
    static int indexOfEither(byte[] b, int from, int to, long lanes1, long lanes2) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i);
            long found = zeroBytes(word ^ lanes1) | zeroBytes(word ^ lanes2);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        byte first = (byte) lanes1;
        byte second = (byte) lanes2;
        for (; i < to; i++) {
            if (b[i] == first || b[i] == second) {
                return i;
            }
        }
        return -1;
    }

    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGHS;
    }
}
