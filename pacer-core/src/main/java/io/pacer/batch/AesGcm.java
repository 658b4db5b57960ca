package io.pacer.batch;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** AES-GCM with a random 96-bit nonce per event, prefixed to the ciphertext. Safe from many threads. */
final class AesGcm {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final ThreadLocal<Cipher> cipher = ThreadLocal.withInitial(AesGcm::newCipher);

    AesGcm(SecretKey key) {
        Objects.requireNonNull(key, "key");
        if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException("key must be an AES key, but its algorithm was " + key.getAlgorithm());
        }
        int bits = key.getEncoded().length * 8;
        if (bits != 128 && bits != 192 && bits != 256) {
            throw new IllegalArgumentException("key must be 128, 192 or 256 bits, but was " + bits);
        }
        this.key = key;
    }

    byte[] encrypt(byte[] plain) {
        Objects.requireNonNull(plain, "event");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = cipher.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] out = new byte[NONCE_BYTES + c.getOutputSize(plain.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            c.doFinal(plain, 0, plain.length, out, NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    byte[] decrypt(byte[] sealed) {
        Objects.requireNonNull(sealed, "event");
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException(
                    "ciphertext too short: " + sealed.length + " bytes, need at least " + (NONCE_BYTES + TAG_BITS / 8));
        }
        try {
            Cipher c = cipher.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "AES-GCM decryption failed (wrong key or tampered data): " + e.getMessage(), e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/GCM/NoPadding cipher", e);
        }
    }
}
