package io.pacer.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The service's secrets, made and checked in one place: API keys and session ids are 256 random bits (stored only as
 * SHA-256, which is enough for a high-entropy token), passwords go through PBKDF2-HMAC-SHA256 from the JDK with
 * OWASP's iteration count and a salt per password. Every comparison is constant-time.
 */
final class Credentials {

    /** OWASP Password Storage Cheat Sheet (2023 and later) for PBKDF2-HMAC-SHA256. */
    static final int PBKDF2_ITERATIONS = 600_000;

    /** Every API key starts with this, so a leaked one is recognisable (secret scanners, logs). */
    static final String KEY_PREFIX = "pacer_";
    /** Characters of a key shown and stored in clear to find and name it: {@code pacer_} and 8 more. */
    static final int KEY_ID_LENGTH = KEY_PREFIX.length() + 8;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked against when a user does not exist, so that answering takes as long as for one who does. */
    private static final String DUMMY_HASH = hashPassword("not a password of anyone's");

    private Credentials() {}

    /** 256 random bits, base64url without padding (43 characters). */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new API key: {@code pacer_} and 43 base64url characters. */
    static String newApiKey() {
        return KEY_PREFIX + randomToken();
    }

    /** The part of a key stored in clear: enough to find and name it, far too little to guess the rest. */
    static String keyId(String key) {
        return key.substring(0, KEY_ID_LENGTH);
    }

    /** SHA-256 of a high-entropy token, in hex. */
    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Constant-time equality of two strings (lengths may leak; contents do not). */
    static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (base64), with a fresh salt. */
    static String hashPassword(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, PBKDF2_ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + PBKDF2_ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Whether {@code password} matches {@code stored}; when {@code stored} is null (no such user, or a user without a
     * password) a dummy hash is checked, so the answer takes as long and is false.
     */
    static boolean verifyPassword(String password, String stored) {
        String[] parts = (stored == null ? DUMMY_HASH : stored).split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        byte[] actual = pbkdf2(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual) && stored != null;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
