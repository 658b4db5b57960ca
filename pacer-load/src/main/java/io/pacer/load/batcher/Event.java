package io.pacer.load.batcher;

import io.pacer.batch.SpoolCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One offered event: the operation's sequence number as its id, and a payload shared from a pool (never written
 * to). The id travels with the event to the sink — as the Kafka key, a Redis field, the memory sink's record — and
 * back through the disk spool, so a delivery can always be traced to its operation.
 */
record Event(long id, byte[] payload) {

    /** Writes the id and the payload for the disk spool; a replayed event is a new object with the same id. */
    static final SpoolCodec<Event> CODEC = new SpoolCodec<>() {
        @Override
        public byte[] encode(Event event) {
            return ByteBuffer.allocate(Long.BYTES + event.payload.length)
                    .putLong(event.id)
                    .put(event.payload)
                    .array();
        }

        @Override
        public Event decode(byte[] bytes) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long id = buffer.getLong();
            byte[] payload = new byte[buffer.remaining()];
            buffer.get(payload);
            return new Event(id, payload);
        }
    };

    /** The Kafka key: the id's decimal digits, readable in any Kafka tool. */
    byte[] key() {
        return Long.toString(id).getBytes(StandardCharsets.US_ASCII);
    }

    /** The Redis stream entry. */
    Map<String, String> fields() {
        return Map.of("id", Long.toString(id), "payload", new String(payload, StandardCharsets.US_ASCII));
    }

    /** Bytes as the batcher's sizer counts them (key included). */
    long size() {
        return payload.length + 8L;
    }
}
