package io.pacer.batch;

import javax.crypto.SecretKey;

/** Ready-made stages. */
public final class Stages {
    private Stages() {}

    /**
     * AES-GCM encryption with the caller's key (128, 192 or 256 bits): each event becomes
     * {@code 12-byte random nonce || ciphertext || 16-byte tag}. Decrypt with {@link #decryptAesGcm}.
     */
    public static Stage<byte[], byte[]> encryptAesGcm(SecretKey key) {
        return new AesGcm(key)::encrypt;
    }

    /** The inverse of {@link #encryptAesGcm}, for consumers and tests; fails on a wrong key or tampered bytes. */
    public static Stage<byte[], byte[]> decryptAesGcm(SecretKey key) {
        return new AesGcm(key)::decrypt;
    }
}
