package io.pacer.cli;

import io.pacer.server.PacerServer;
import io.pacer.server.ServerConfig;
import io.pacer.server.ServerLogging;
import io.pacer.server.ServerSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pacer serve}: the service — collectors, store, alert evaluator, HTTP API and live events — until SIGTERM or
 * Ctrl-C, which stops it gracefully: in-flight requests finish, buffered samples are written, exit 0. Settings come
 * from these flags, then the environment, then pacer.yaml ({@link ServerSettings}); the log is JSON lines on stdout.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the service: collect, store, evaluate alerts, and serve the HTTP API, the live event stream and the"
                    + " dashboard. Flags win over the environment (seed 002's names: PERFORMANCE_OPTIMIZATION_PORT,"
                    + " MONITORING_INTERVAL, DATABASE_URL, ...), the environment over pacer.yaml's server: section.",
            "SIGTERM or Ctrl-C stops it gracefully. Logs: JSON lines on stdout. Exit 0 after a stop, 2 for bad usage."
        },
        footer = {
            "",
            "Examples:",
            "  pacer serve --config pacer.yaml --data-dir /var/lib/pacer",
            "  pacer serve --host 127.0.0.1 --no-auth",
            "  DATABASE_URL=postgresql://pacer:secret@db:5432/pacer pacer serve",
            "",
            "Routes, settings and the event stream: docs/server-api.md."
        })
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default 0.0.0.0).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to serve on (default 8420).")
    String port;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Data directory holding the SQLite store (default: $PACER_HOME, else ~/.pacer).")
    String dataDir;

    @Option(
            names = "--store",
            paramLabel = "URL",
            description = "A PostgreSQL store instead: jdbc:postgresql://HOST:PORT/DB (password from"
                    + " $PACER_DB_PASSWORD) or postgresql://USER:PASSWORD@HOST:PORT/DB (default: SQLite).")
    String store;

    @Option(
            names = "--store-user",
            paramLabel = "USER",
            description = "PostgreSQL user for a JDBC URL (default " + ServerSettings.DEFAULT_STORE_USER + ").")
    String storeUser;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "pacer.yaml: server:, targets:, rules, webhooks, seed 002 thresholds (default: $PACER_CONFIG,"
                    + " else none).")
    Path config;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            description = "How often every collector collects, e.g. 30 (seconds) or 10s (default: pacer.yaml's"
                    + " targets.interval, else 10s).")
    String interval;

    @Option(
            names = "--retention-days",
            paramLabel = "DAYS",
            description = "Days the 5-minute rollups are kept (default 30).")
    String retentionDays;

    @Option(
            names = "--redis",
            paramLabel = "URL",
            description = "redis://HOST:PORT[/DB] shared by instances for rate limits (default: none, in memory).")
    String redis;

    @Option(
            names = "--no-auth",
            description = "Serve without credentials; refused unless --host is a loopback address (default: off).")
    boolean noAuth;

    @Option(
            names = "--metrics-token",
            paramLabel = "TOKEN",
            description = "Require Authorization: Bearer TOKEN on /metrics; prefer $PACER_METRICS_TOKEN, which ps"
                    + " does not show (default: none, /metrics is public).")
    String metricsToken;

    @Option(
            names = "--tls-keystore",
            paramLabel = "FILE",
            description = "Serve HTTPS from this PKCS#12 or JKS keystore; its password from"
                    + " $PACER_TLS_KEYSTORE_PASSWORD (default: none, plain HTTP).")
    String tlsKeystore;

    @Option(
            names = "--shutdown-timeout",
            paramLabel = "DURATION",
            description = "How long a stop waits for in-flight requests (default 20s).")
    String shutdownTimeout;

    @Option(
            names = "--rate-limit-per-address",
            paramLabel = "N",
            description = "Requests per minute one client address may make, in bursts of up to N (default 600).")
    String rateLimitPerAddress;

    @Option(
            names = "--rate-limit-per-key",
            paramLabel = "N",
            description = "Requests per minute one API key or signed-in user may make (default 1200).")
    String rateLimitPerKey;

    @Option(
            names = "--sign-ins-per-minute",
            paramLabel = "N",
            description = "Password or key sign-ins one client address may try per minute (default 10).")
    String signInsPerMinute;

    @Option(
            names = "--max-request-bytes",
            paramLabel = "BYTES",
            description = "The largest request body accepted; larger ones get 413 (default 16777216, 16 MiB).")
    String maxRequestBytes;

    @Option(
            names = "--session-ttl",
            paramLabel = "DURATION",
            description = "How long a dashboard sign-in lasts, 1m to 30d (default 12h).")
    String sessionTtl;

    @Option(
            names = "--audit-retention",
            paramLabel = "DURATION",
            description = "How long audit entries are kept, 1d to 36500d (default 400d).")
    String auditRetention;

    @Option(
            names = "--instance",
            paramLabel = "NAME",
            description = "This instance's name among those sharing a PostgreSQL store: the instance label of its host"
                    + " and JVM series (default: host name:port).")
    String instance;

    @Option(
            names = "--auto-optimize",
            description = "Apply safe recommendations unattended, within the change budget, each verified and reverted"
                    + " on degradation; also $ENABLE_AUTO_OPTIMIZATION (default: off).")
    boolean autoOptimize;

    @Option(
            names = "--optimization-check-interval",
            paramLabel = "DURATION",
            description = "How often auto-optimisation looks for safe recommendations; a bare number is seconds, as"
                    + " seed 002's $OPTIMIZATION_CHECK_INTERVAL (default 300).")
    String optimizationCheckInterval;

    @Option(
            names = "--changes-per-hour",
            paramLabel = "N",
            description = "The change budget: actions auto-optimisation may apply in any rolling hour, 1 to 60"
                    + " (default 2).")
    String changesPerHour;

    @Option(
            names = "--optimization-verify-window",
            paramLabel = "DURATION",
            description = "How long an applied action is measured before it is kept or reverted, when its plan sets"
                    + " no window (default 5m).")
    String optimizationVerifyWindow;

    @Option(
            names = "--agent-secret",
            paramLabel = "SECRET",
            description = "The shared secret the applications' Pacer agents were started with; prefer"
                    + " $PACER_AGENT_SECRET, which ps does not show (default: none, agent tunables cannot be changed).")
    String agentSecret;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ServerSettings.Resolved resolved = settings();
        resolved.warnings().forEach(w -> err.println("pacer: warning: " + w));
        err.flush();
        ServerLogging.useJson();
        ServerConfig config = resolved.config();
        PacerServer server;
        try {
            server = PacerServer.start(config);
        } catch (IllegalStateException e) {
            throw new UsageException(Problems.oneLine(e));
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (StopOnSignal signals = StopOnSignal.install(
                stop::countDown, "finishing in-flight requests and writing buffered samples", err)) {
            err.println("pacer serve: listening on " + server.uri() + " (store "
                    + config.store().jdbcUrl() + "); SIGTERM or Ctrl-C stops it");
            err.flush();
            stop.await();
        } finally {
            server.close();
        }
        err.println("pacer serve: stopped");
        err.flush();
        return ExitCode.OK;
    }

    private ServerSettings.Resolved settings() {
        Map<String, String> flags = new LinkedHashMap<>();
        put(flags, "host", host);
        put(flags, "port", port);
        put(flags, "data-dir", dataDir);
        put(flags, "store", store);
        put(flags, "store-user", storeUser);
        put(flags, "monitoring-interval", interval);
        put(flags, "retention-days", retentionDays);
        put(flags, "redis", redis);
        put(flags, "no-auth", noAuth ? "true" : null);
        put(flags, "metrics-token", metricsToken);
        put(flags, "tls-keystore", tlsKeystore);
        put(flags, "shutdown-timeout", shutdownTimeout);
        put(flags, "rate-limit-per-address", rateLimitPerAddress);
        put(flags, "rate-limit-per-key", rateLimitPerKey);
        put(flags, "sign-ins-per-minute", signInsPerMinute);
        put(flags, "max-request-bytes", maxRequestBytes);
        put(flags, "session-ttl", sessionTtl);
        put(flags, "audit-retention", auditRetention);
        put(flags, "instance", instance);
        put(flags, "auto-optimize", autoOptimize ? "true" : null);
        put(flags, "optimization-check-interval", optimizationCheckInterval);
        put(flags, "changes-per-hour", changesPerHour);
        put(flags, "optimization-verify-window", optimizationVerifyWindow);
        put(flags, "agent-secret", agentSecret);
        try {
            return ServerSettings.resolve(flags, System.getenv(), config, Path.of(System.getProperty("user.home")));
        } catch (IllegalArgumentException e) { // RuleFileException and YamlException among them
            throw new UsageException(Problems.oneLine(e));
        }
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
