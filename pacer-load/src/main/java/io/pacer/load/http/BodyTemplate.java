package io.pacer.load.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A request body template split once into literal parts and placeholders, so rendering per operation only copies
 * bytes and formats a few numbers. Thread-safe (immutable).
 */
final class BodyTemplate {

    /** The placeholders a template may contain, each written {@code {{name}}}. */
    enum Placeholder {
        SEQ("seq"),
        USER("user"),
        UUID("uuid"),
        NOW_MS("now_ms");

        final String name;

        Placeholder(String name) {
            this.name = name;
        }
    }

    /** literals.length == placeholders.length + 1: literal, placeholder, literal, ..., literal. */
    private final byte[][] literals;

    private final Placeholder[] placeholders;
    private final int literalBytes;

    private BodyTemplate(byte[][] literals, Placeholder[] placeholders) {
        this.literals = literals;
        this.placeholders = placeholders;
        this.literalBytes = Arrays.stream(literals).mapToInt(b -> b.length).sum();
    }

    /** Splits {@code template}; an unknown {@code {{name}}} is rejected with the known ones listed. */
    static BodyTemplate parse(String template) {
        List<byte[]> literals = new ArrayList<>();
        List<Placeholder> placeholders = new ArrayList<>();
        int from = 0;
        int open;
        while ((open = template.indexOf("{{", from)) >= 0) {
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                break;
            }
            literals.add(template.substring(from, open).getBytes(StandardCharsets.UTF_8));
            placeholders.add(placeholder(template.substring(open + 2, close).trim()));
            from = close + 2;
        }
        literals.add(template.substring(from).getBytes(StandardCharsets.UTF_8));
        return new BodyTemplate(literals.toArray(new byte[0][]), placeholders.toArray(new Placeholder[0]));
    }

    private static Placeholder placeholder(String name) {
        for (Placeholder p : Placeholder.values()) {
            if (p.name.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("bodyTemplate has an unknown placeholder {{" + name
                + "}}; use {{seq}}, {{user}}, {{uuid}} or {{now_ms}}");
    }

    /** The body for one operation; {@code nowMillis} fills {@code {{now_ms}}}. */
    byte[] render(long sequence, int user, long nowMillis) {
        if (placeholders.length == 0) {
            return literals[0]; // shared: request bodies are only read
        }
        byte[] out = new byte[literalBytes + placeholders.length * 36];
        int at = 0;
        for (int i = 0; i < placeholders.length; i++) {
            at = copy(literals[i], out, at);
            at = copy(ascii(placeholders[i], sequence, user, nowMillis), out, at);
        }
        at = copy(literals[placeholders.length], out, at);
        return at == out.length ? out : Arrays.copyOf(out, at);
    }

    private static byte[] ascii(Placeholder placeholder, long sequence, int user, long nowMillis) {
        String text = switch (placeholder) {
            case SEQ -> Long.toString(sequence);
            case USER -> Integer.toString(user);
            case NOW_MS -> Long.toString(nowMillis);
            case UUID -> randomUuid().toString();
        };
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A version-4 UUID from {@link ThreadLocalRandom}: {@link UUID#randomUUID()} would take a lock on SecureRandom. */
    private static UUID randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = random.nextLong() & ~0xF000L | 0x4000L;
        long lsb = random.nextLong() & ~(0xC000L << 48) | 0x8000L << 48;
        return new UUID(msb, lsb);
    }

    private static int copy(byte[] from, byte[] to, int at) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }
}
