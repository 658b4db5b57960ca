package io.pacer.agent;

import io.pacer.internal.Check;

/**
 * Where and how a {@link PacerAgent} listens. Loopback by default, so only processes on the same machine (the
 * monitoring service beside the application, an operator's shell) reach it; every request must carry the shared
 * secret. {@link #toString()} never shows the secret.
 *
 * @param host the address to bind: {@value #DEFAULT_HOST} by default; another address exposes the agent to the network
 *     (plain HTTP: put it behind TLS, and keep the secret secret)
 * @param port the port; 0 (the default) takes a free one — {@link PacerAgent#uri()} says which
 * @param secret the shared secret the service sends as {@code Authorization: Bearer <secret>}: at least
 *     {@value #MIN_SECRET_LENGTH} characters, e.g. 32 random bytes in base64
 * @param threads request threads (default {@value #DEFAULT_THREADS}); requests beyond these and a short queue are
 *     refused by closing the connection, so a flood cannot take the application's threads or memory
 * @param maxBodyBytes the largest request body accepted (default {@value #DEFAULT_MAX_BODY_BYTES}); larger is refused
 *     with 413
 */
public record PacerAgentConfig(String host, int port, String secret, int threads, int maxBodyBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 0;
    public static final int DEFAULT_THREADS = 2;
    public static final int MAX_THREADS = 16;
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_BODY_BYTES_LIMIT = 1024 * 1024;
    public static final int MIN_SECRET_LENGTH = 16;

    public PacerAgentConfig {
        Check.notBlank("agent host", host, "an address to bind, e.g. " + DEFAULT_HOST);
        Check.range("agent port", port, 0, 65_535);
        Check.that(
                secret != null
                        && secret.length() >= MIN_SECRET_LENGTH
                        && secret.strip().equals(secret),
                "agent secret",
                "at least " + MIN_SECRET_LENGTH + " characters without surrounding white space (e.g. 32 random bytes"
                        + " in base64)",
                secret == null ? null : "a secret of " + secret.length() + " characters");
        Check.range("agent threads", threads, 1, MAX_THREADS);
        Check.range("agent max body bytes", maxBodyBytes, 64, MAX_BODY_BYTES_LIMIT);
    }

    /** An agent on {@value #DEFAULT_HOST}, a free port, with {@code secret} and the default limits. */
    public static PacerAgentConfig loopback(String secret) {
        return new PacerAgentConfig(DEFAULT_HOST, DEFAULT_PORT, secret, DEFAULT_THREADS, DEFAULT_MAX_BODY_BYTES);
    }

    public PacerAgentConfig withHost(String value) {
        return new PacerAgentConfig(value, port, secret, threads, maxBodyBytes);
    }

    public PacerAgentConfig withPort(int value) {
        return new PacerAgentConfig(host, value, secret, threads, maxBodyBytes);
    }

    public PacerAgentConfig withThreads(int value) {
        return new PacerAgentConfig(host, port, secret, value, maxBodyBytes);
    }

    public PacerAgentConfig withMaxBodyBytes(int value) {
        return new PacerAgentConfig(host, port, secret, threads, value);
    }

    /** The settings, with the secret masked. */
    @Override
    public String toString() {
        return "PacerAgentConfig[host=" + host + ", port=" + port + ", secret=***, threads=" + threads
                + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
