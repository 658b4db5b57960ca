package io.pacer.server.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file the dashboard serves, held in memory: its bytes, media type and a strong validator (a hash of the bytes),
 * so a browser revalidates with {@code If-None-Match} and gets a bodiless 304 when nothing changed.
 *
 * @param name the file name under {@code /dashboard/assets/}
 * @param contentType the media type, with a charset for text
 * @param body the bytes
 * @param etag the quoted entity tag
 */
record DashboardAsset(String name, String contentType, byte[] body, String etag) {

    DashboardAsset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(etag, "etag");
    }

    static DashboardAsset of(String name, byte[] body) {
        return new DashboardAsset(name, contentType(name), body, etag(body));
    }

    /** The media type by extension; an unknown extension is a programming error (the list of files is fixed). */
    static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml; charset=utf-8";
        }
        throw new IllegalArgumentException("no media type known for " + name);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
