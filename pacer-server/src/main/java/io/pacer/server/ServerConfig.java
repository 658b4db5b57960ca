package io.pacer.server;

import io.pacer.internal.Check;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.alert.WebhookConfig;
import io.pacer.monitor.collect.TargetsConfig;
import io.pacer.monitor.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How one {@code pacer serve} instance runs. Built from flags, environment and {@code pacer.yaml} (flags win, then the
 * environment, then the file: {@link ServerSettings}); validated here so that every source gets the same messages.
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
 * @param targets what the collectors watch (the {@code targets:} section of pacer.yaml; targets added through the
 *     API are kept in the state database and added to these)
 * @param rules the alert rules; empty for seed 000's stream targets and the Kafka lag rule
 * @param webhooks where alert notifications are posted
 * @param shutdownTimeout how long a stop waits for in-flight requests before closing their connections
 * @param security rate limits, request size, sessions, audit retention, the first admin key
 * @param instance this instance's name among those sharing a PostgreSQL store: the {@code instance} label of its own
 *     host and JVM series there; null for {@link #instanceName() the host name and port}
 * @param optimization analysis and actions: auto-optimisation, change budget, verification, the agents' secret
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
        TargetsConfig targets,
        List<AlertRule> rules,
        List<WebhookConfig> webhooks,
        Duration shutdownTimeout,
        SecurityConfig security,
        String instance,
        OptimizationConfig optimization) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8420;
    /** Within Kubernetes' default 30 s grace period, leaving time to write what the store buffers. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    private static final java.util.concurrent.atomic.AtomicInteger UNNAMED =
            new java.util.concurrent.atomic.AtomicInteger();

    /** What an instance name may be: a Prometheus-friendly label value, short enough for a chart's legend. */
    public static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public ServerConfig {
        Check.that(host != null && !host.isBlank(), "host", "an address such as 127.0.0.1 or 0.0.0.0", host);
        Check.that(port >= 0 && port <= 65_535, "port", "between 0 and 65535", port);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(store, "store");
        Check.that(
                metricsToken == null || metricsToken.length() >= 16,
                "metrics token",
                "at least 16 characters (a random token)",
                metricsToken == null ? null : metricsToken.length() + " characters");
        Check.that(
                redisUrl == null || redisUrl.matches("rediss?://[^/\\s]+:\\d+(/\\d+)?"),
                "redis URL",
                "redis://HOST:PORT[/DB]",
                redisUrl);
        Objects.requireNonNull(targets, "targets");
        rules = List.copyOf(rules);
        webhooks = List.copyOf(webhooks);
        Check.duration("shutdown timeout", shutdownTimeout, Duration.ZERO, Duration.ofMinutes(10));
        Check.that(
                tlsKeystore == null || java.nio.file.Files.isReadable(tlsKeystore),
                "TLS keystore",
                "a readable keystore file",
                tlsKeystore);
        Objects.requireNonNull(security, "security");
        Check.that(
                instance == null || INSTANCE.matcher(instance).matches(),
                "instance",
                "1 to 128 letters, digits and . _ : - (e.g. pacer-1 or host:8420)",
                instance);
        Objects.requireNonNull(optimization, "optimization");
        Check.argument(
                !noAuth || io.pacer.server.auth.Loopback.isLoopback(host),
                "noAuth is only allowed when the server binds to a loopback address (--host 127.0.0.1), but host was '"
                        + host + "'");
    }

    /** The settings the skeleton started with; everything else at its default. */
    public ServerConfig(String host, int port, Path dataDir, StoreConfig store, boolean noAuth, String metricsToken) {
        this(
                host,
                port,
                dataDir,
                store,
                noAuth,
                metricsToken,
                null,
                null,
                null,
                TargetsConfig.ofDefaults(),
                List.of(),
                List.of(),
                DEFAULT_SHUTDOWN_TIMEOUT,
                SecurityConfig.DEFAULTS,
                null,
                OptimizationConfig.DEFAULTS);
    }

    /** A loopback-only, unauthenticated server on a free port over SQLite in {@code dataDir}: for tests. */
    public static ServerConfig forTests(Path dataDir) {
        return new ServerConfig("127.0.0.1", 0, dataDir, StoreConfig.sqlite(dataDir), true, null)
                .withShutdownTimeout(Duration.ofSeconds(5));
    }

    public ServerConfig withTargets(TargetsConfig value) {
        return edit(d -> d.targets = value);
    }

    public ServerConfig withRules(List<AlertRule> value) {
        return edit(d -> d.rules = value);
    }

    public ServerConfig withStore(StoreConfig value) {
        return edit(d -> d.store = value);
    }

    public ServerConfig withShutdownTimeout(Duration value) {
        return edit(d -> d.shutdownTimeout = value);
    }

    public ServerConfig withSecurity(SecurityConfig value) {
        return edit(d -> d.security = value);
    }

    public ServerConfig withTls(Path keystore, String password) {
        return edit(d -> {
            d.tlsKeystore = keystore;
            d.tlsKeystorePassword = password;
        });
    }

    public ServerConfig withRedisUrl(String value) {
        return edit(d -> d.redisUrl = value);
    }

    public ServerConfig withOptimization(OptimizationConfig value) {
        return edit(d -> d.optimization = value);
    }

    /** Names this instance among those sharing a PostgreSQL store. */
    public ServerConfig withInstance(String value) {
        return edit(d -> d.instance = value);
    }

    /** This configuration with {@code change} applied to a mutable copy of its fields, validated again. */
    private ServerConfig edit(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.build();
    }

    /** The fields of a configuration being changed by one wither: the one place that lists them all. */
    private static final class Draft {
        private final String host;
        private final int port;
        private final Path dataDir;
        StoreConfig store;
        private final boolean noAuth;
        private final String metricsToken;
        Path tlsKeystore;
        String tlsKeystorePassword;
        String redisUrl;
        TargetsConfig targets;
        List<AlertRule> rules;
        private final List<WebhookConfig> webhooks;
        Duration shutdownTimeout;
        SecurityConfig security;
        String instance;
        OptimizationConfig optimization;

        Draft(ServerConfig c) {
            host = c.host;
            port = c.port;
            dataDir = c.dataDir;
            store = c.store;
            noAuth = c.noAuth;
            metricsToken = c.metricsToken;
            tlsKeystore = c.tlsKeystore;
            tlsKeystorePassword = c.tlsKeystorePassword;
            redisUrl = c.redisUrl;
            targets = c.targets;
            rules = c.rules;
            webhooks = c.webhooks;
            shutdownTimeout = c.shutdownTimeout;
            security = c.security;
            instance = c.instance;
            optimization = c.optimization;
        }

        ServerConfig build() {
            return new ServerConfig(
                    host,
                    port,
                    dataDir,
                    store,
                    noAuth,
                    metricsToken,
                    tlsKeystore,
                    tlsKeystorePassword,
                    redisUrl,
                    targets,
                    rules,
                    webhooks,
                    shutdownTimeout,
                    security,
                    instance,
                    optimization);
        }
    }

    /** The interval and timeout of every collector, for tests that cannot wait 10 s. */
    public ServerConfig withInterval(Duration interval) {
        Duration timeout = targets.timeout().compareTo(interval) < 0 ? targets.timeout() : interval;
        return withTargets(targets.withInterval(interval, timeout));
    }

    /**
     * This instance's name: the configured one, else the host's name and the configured port ({@code db-1:8420}) —
     * stable across restarts, so its series continue. With port 0 (tests) the process id and a sequence number keep
     * two instances in one process apart; the service asks once, at start.
     */
    public String instanceName() {
        if (instance != null) {
            return instance;
        }
        String hostName;
        try {
            hostName = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            hostName = "localhost";
        }
        String name = hostName.replaceAll("[^A-Za-z0-9._-]", "-") + ":"
                + (port != 0
                        ? String.valueOf(port)
                        : "0-" + ProcessHandle.current().pid() + "-" + UNNAMED.incrementAndGet());
        return name.length() <= 128 ? name : name.substring(name.length() - 128);
    }

    @Override
    public String toString() {
        return "ServerConfig[" + host + ":" + port + ", dataDir=" + dataDir + ", " + store + ", noAuth=" + noAuth
                + ", metricsToken=" + (metricsToken == null ? "none" : "set") + ", tls=" + tlsKeystore + ", redis="
                + redisUrl + ", " + targets + ", rules=" + rules.size() + ", webhooks=" + webhooks.size()
                + ", shutdownTimeout=" + shutdownTimeout + ", " + security + ", instance=" + instance + ", "
                + optimization + "]";
    }
}
