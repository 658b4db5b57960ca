package io.pacer.load.replay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded message of a capture. Arrays are held as given, not copied (a replay moves a gigabyte through
 * here); callers must not change them. Equality is that of a record: array fields compare by identity.
 *
 * @param timestampMillis when it was recorded, epoch milliseconds
 * @param key             the message key, or {@code null} for none
 * @param value           the message value (may be empty)
 * @param headers         message headers in recorded order, values as bytes
 */
public record CaptureRecord(long timestampMillis, byte[] key, byte[] value, Map<String, byte[]> headers) {

    public CaptureRecord {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(headers, "headers");
        headers = headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Key and value bytes: what a replay counts as payload (headers are not counted). */
    public long payloadBytes() {
        return (key == null ? 0 : key.length) + (long) value.length;
    }
}
