package io.pacer.batch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of one spool record, which holds one batch. Big-endian:
 *
 * <pre>
 * offset size  field
 *      0    1  magic/version byte 0xA1
 *      1    4  payload length in bytes (int, &gt;= 4)
 *      5    4  CRC32C of the payload
 *      9    n  payload: event count (int, &gt;= 1), then per event: length (int, &gt;= 0) + codec bytes
 * </pre>
 *
 * <p>A segment file is these records back to back, nothing else, so a segment can be read from any record
 * boundary and a torn write shows up as a record that runs past the end of the file or fails its checksum.
 */
final class SpoolRecordFormat {

    static final byte MAGIC = (byte) 0xA1;
    static final int HEADER_BYTES = 9;
    /** The largest payload a record can carry; the length field is an int. */
    static final int MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - HEADER_BYTES;

    private SpoolRecordFormat() {}

    /** The whole record (header and payload), positioned at 0 and ready to write. */
    static <T> ByteBuffer encode(List<T> batch, SpoolCodec<T> codec) {
        byte[][] events = new byte[batch.size()][];
        long payload = 4;
        for (int i = 0; i < events.length; i++) {
            byte[] bytes = codec.encode(batch.get(i));
            events[i] = Objects.requireNonNull(bytes, "codec.encode returned null");
            payload += 4L + bytes.length;
        }
        if (payload > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(
                    "batch must encode to at most " + MAX_PAYLOAD_BYTES + " bytes, but was " + payload);
        }
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + (int) payload);
        record.put(MAGIC).putInt((int) payload).putInt(0).putInt(events.length);
        for (byte[] event : events) {
            record.putInt(event.length).put(event);
        }
        record.putInt(5, crc(record.duplicate().position(HEADER_BYTES)));
        return record.flip();
    }

    /** CRC32C of the buffer's remaining bytes; does not move the buffer's position. */
    static int crc(ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }

    /**
     * Checks the payload's structure — a positive count and event lengths that add up exactly to the payload —
     * so that a record passing its checksum by chance still cannot decode into garbage.
     *
     * @return the event count, or -1 when the structure is broken
     */
    static int eventCount(ByteBuffer payload) {
        ByteBuffer in = payload.duplicate();
        if (in.remaining() < 4) {
            return -1;
        }
        int count = in.getInt();
        if (count < 1) {
            return -1;
        }
        for (int i = 0; i < count; i++) {
            if (in.remaining() < 4) {
                return -1;
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                return -1;
            }
            in.position(in.position() + length);
        }
        return in.hasRemaining() ? -1 : count;
    }

    /** Decodes a payload that {@link #eventCount} accepted. */
    static <T> List<T> decode(ByteBuffer payload, SpoolCodec<T> codec) {
        ByteBuffer in = payload.duplicate();
        int count = in.getInt();
        List<T> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[in.getInt()];
            in.get(bytes);
            batch.add(codec.decode(bytes));
        }
        return Collections.unmodifiableList(batch);
    }
}
