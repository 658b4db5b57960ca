package io.pacer.batch;

import java.nio.ByteBuffer;

/**
 * Where the oldest uncommitted record starts: a segment sequence number and a byte offset in that segment.
 * Stored in {@code commit.pos} as 21 big-endian bytes: magic {@code 0xC1}, segment (long), offset (long),
 * CRC32C of the 17 bytes before it.
 */
record SpoolCheckpoint(long segment, long offset) {

    static final String FILE_NAME = "commit.pos";
    static final int BYTES = 21;
    private static final byte MAGIC = (byte) 0xC1;

    SpoolCheckpoint {
        if (segment < 0 || offset < 0) {
            throw new IllegalArgumentException(
                    "segment and offset must be >= 0, but were " + segment + " and " + offset);
        }
    }

    byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(BYTES);
        buffer.put(MAGIC).putLong(segment).putLong(offset);
        buffer.putInt(SpoolRecordFormat.crc(ByteBuffer.wrap(buffer.array(), 0, BYTES - 4)));
        return buffer.array();
    }

    /** The checkpoint in {@code bytes}, or null when they are not a valid checkpoint (wrong size, magic or CRC). */
    static SpoolCheckpoint parse(byte[] bytes) {
        if (bytes.length != BYTES || bytes[0] != MAGIC) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.getInt(BYTES - 4) != SpoolRecordFormat.crc(ByteBuffer.wrap(bytes, 0, BYTES - 4))) {
            return null;
        }
        long segment = buffer.getLong(1);
        long offset = buffer.getLong(9);
        return segment < 0 || offset < 0 ? null : new SpoolCheckpoint(segment, offset);
    }
}
