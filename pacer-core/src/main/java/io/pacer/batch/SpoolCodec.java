package io.pacer.batch;

import java.nio.charset.StandardCharsets;

/**
 * Turns events into bytes and back, so the batcher can spill them to its disk spool. Needed only with
 * {@link Overflow.Spill}.
 */
public interface SpoolCodec<T> {

    byte[] encode(T event);

    T decode(byte[] bytes);

    /** Events that already are bytes. */
    static SpoolCodec<byte[]> bytes() {
        return new SpoolCodec<>() {
            @Override
            public byte[] encode(byte[] event) {
                return event;
            }

            @Override
            public byte[] decode(byte[] bytes) {
                return bytes;
            }
        };
    }

    /** Strings as UTF-8. */
    static SpoolCodec<String> utf8() {
        return new SpoolCodec<>() {
            @Override
            public byte[] encode(String event) {
                return event.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public String decode(byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        };
    }
}
