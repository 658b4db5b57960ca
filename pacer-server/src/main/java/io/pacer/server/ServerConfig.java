package io.pacer.server;

import io.pacer.internal.Check;
import io.pacer.monitor.store.StoreConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How one {@code pacer serve} instance runs. Built from flags, environment and {@code pacer.yaml} (flags win, then the
 * environment, then the file); validated here so that every source gets the same messages.
 *
 * @param host the address to bind; {@value #DEFAULT_HOST} for every interface
 * @param port the port; {@value #DEFAULT_PORT} by default, 0 for any free port (tests)
 * @param dataDir the data directory (SQLite store, spool files)
 * @param store where history and server state live: SQLite under {@code dataDir} or a PostgreSQL database
 * @param noAuth serve without credentials; refused unless {@code host} is a loopback address
 * @param metricsToken when set, {@code /metrics} requires {@code Authorization: Bearer TOKEN}
 * @param tlsKeystore a PKCS#12 or JKS keystore to serve HTTPS from; null for plain HTTP
 * @param tlsKeystorePassword the keystore's password; null when there is no keystore or it has none
 * @param redisUrl {@code redis://HOST:PORT[/DB]} shared by instances for rate limits; null keeps them in memory
 * @param security TLS, rate limits, request size, sessions, the first admin key
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        StoreConfig store,
        boolean noAuth,
        String metricsToken,
        Path tlsKeystore,
        String tlsKeystorePassword,
        String redisUrl,
        SecurityConfig security) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8420;

    public ServerConfig {
        Check.that(host != null && !host.isBlank(), "host", "an address such as 127.0.0.1 or 0.0.0.0", host);
        Check.that(port >= 0 && port <= 65_535, "port", "between 0 and 65535", port);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(store, "store");
        Check.that(
                tlsKeystore == null || java.nio.file.Files.isReadable(tlsKeystore),
                "tlsKeystore",
                "a readable keystore file",
                tlsKeystore);
        Check.that(
                redisUrl == null || redisUrl.matches("rediss?://[^/\\s]+:\\d+(/\\d+)?"),
                "redis URL",
                "redis://HOST:PORT[/DB]",
                redisUrl);
        Objects.requireNonNull(security, "security");
        Check.argument(
                !noAuth || io.pacer.server.auth.Loopback.isLoopback(host),
                "noAuth is only allowed when the server binds to a loopback address (--host 127.0.0.1), but host was '"
                        + host + "'");
    }

    /** With the default {@link SecurityConfig}. */
    public ServerConfig(String host, int port, Path dataDir, StoreConfig store, boolean noAuth, String metricsToken) {
        this(host, port, dataDir, store, noAuth, metricsToken, null, null, null, SecurityConfig.DEFAULTS);
    }

    public ServerConfig withSecurity(SecurityConfig value) {
        return new ServerConfig(
                host, port, dataDir, store, noAuth, metricsToken, tlsKeystore, tlsKeystorePassword, redisUrl, value);
    }

    public ServerConfig withTls(Path keystore, String password) {
        return new ServerConfig(
                host, port, dataDir, store, noAuth, metricsToken, keystore, password, redisUrl, security);
    }

    public ServerConfig withRedisUrl(String value) {
        return new ServerConfig(
                host, port, dataDir, store, noAuth, metricsToken, tlsKeystore, tlsKeystorePassword, value, security);
    }

    /** A loopback-only, unauthenticated server on a free port over SQLite in {@code dataDir}: for tests. */
    public static ServerConfig forTests(Path dataDir) {
        return new ServerConfig("127.0.0.1", 0, dataDir, StoreConfig.sqlite(dataDir), true, null);
    }
}
