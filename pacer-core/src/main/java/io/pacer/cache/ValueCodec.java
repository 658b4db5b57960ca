package io.pacer.cache;

/**
 * Turns cached values into the bytes stored in Redis and back. Must be thread-safe. {@link ValueCodecs} has JSON,
 * raw bytes and UTF-8 text; implement it for anything else (Protobuf, Kryo...).
 *
 * @param <V> the cached value type
 */
public interface ValueCodec<V> {

    /** @throws RuntimeException when the value cannot be encoded; the cache reports it naming the key */
    byte[] encode(V value);

    /** @throws RuntimeException when the bytes are not a value; the cache then treats the entry as missing */
    V decode(byte[] bytes);
}
