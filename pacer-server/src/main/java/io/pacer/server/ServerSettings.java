package io.pacer.server;

import io.pacer.analysis.action.ActionsConfig;
import io.pacer.internal.Check;
import io.pacer.internal.DataDirectory;
import io.pacer.internal.Yaml;
import io.pacer.internal.YamlException;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.alert.RuleFile;
import io.pacer.monitor.alert.RuleFiles;
import io.pacer.monitor.collect.TargetsConfig;
import io.pacer.monitor.live.MonitorSetup;
import io.pacer.monitor.store.Retention;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.tune.Durations;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code pacer serve}'s configuration from its three sources — flags, environment, {@code pacer.yaml} — in that order
 * of precedence: a flag wins over the environment, the environment over the file (table in docs/server-api.md). Every
 * value is checked where it came from, so an error names its source: {@code --port}, {@code
 * PERFORMANCE_OPTIMIZATION_PORT}, {@code pacer.yaml:4:9: server.port}. The file's {@code server:} section takes each
 * setting by its key ({@code port}) or by one of its environment names ({@code PERFORMANCE_OPTIMIZATION_PORT}), so a
 * seed 002 {@code .env} can be pasted in; an unknown key there, or an unknown {@code PACER_…} environment variable, is
 * an error naming the known ones.
 */
public final class ServerSettings {

    /**
     * The resolved configuration and what the user should hear about it.
     *
     * @param config the configuration
     * @param warnings settings recognised but not used (seed 002's optimisation variables), one line each
     */
    public record Resolved(ServerConfig config, List<String> warnings) {}

    /** The keys of pacer.yaml's {@code server:} section, which are also the flag map's keys. */
    public static final List<String> KEYS = List.of(
            "host",
            "port",
            "data-dir",
            "store",
            "store-user",
            "monitoring-interval",
            "retention-days",
            "alert-threshold-cpu",
            "alert-threshold-memory",
            "alert-threshold-disk",
            "redis",
            "no-auth",
            "metrics-token",
            "tls-keystore",
            "tls-keystore-password",
            "shutdown-timeout",
            "rate-limit-per-address",
            "rate-limit-per-key",
            "sign-ins-per-minute",
            "max-request-bytes",
            "session-ttl",
            "audit-retention",
            "admin-key",
            "instance",
            "auto-optimize",
            "optimization-check-interval",
            "changes-per-hour",
            "optimization-verify-window",
            "agent-secret");

    /** Each key's environment variables, the first set one used (Pacer's name first, then seed 002's). */
    static final Map<String, List<String>> ENVIRONMENT = environment();

    /** Seed 002's variables Pacer has no use for: recognised, not used. */
    static final List<String> SEED_LATER = List.of(
            "CONNECTION_POOL_SIZE",
            "CACHE_TTL_SECONDS",
            "AGENT_ORCHESTRATOR_URL",
            "MONITORING_SERVICE_URL",
            "PROMETHEUS_URL");

    /** {@code PACER_…} variables other parts of Pacer read. */
    static final List<String> PACER_OTHERS = List.of(
            "PACER_HOME",
            "PACER_CONFIG",
            "PACER_DB_PASSWORD",
            "PACER_DEBUG",
            "PACER_JAVA_OPTS",
            "PACER_JAR",
            "PACER_API_KEY");

    /** The user of a PostgreSQL store whose URL names none. */
    public static final String DEFAULT_STORE_USER = "pacer";

    private final Map<String, String> flags;
    private final Map<String, String> environment;
    private final Map<String, Yaml.Node> file;
    private final List<String> warnings = new ArrayList<>();

    private ServerSettings(Map<String, String> flags, Map<String, String> environment, Map<String, Yaml.Node> file) {
        this.flags = flags;
        this.environment = environment;
        this.file = file;
    }

    private static Map<String, List<String>> environment() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("host", List.of("PACER_HOST", "HOST"));
        m.put("port", List.of("PACER_PORT", "PERFORMANCE_OPTIMIZATION_PORT"));
        m.put("store", List.of("PACER_STORE", "DATABASE_URL"));
        m.put("store-user", List.of("PACER_STORE_USER"));
        m.put("monitoring-interval", List.of("PACER_MONITORING_INTERVAL", "MONITORING_INTERVAL"));
        m.put("retention-days", List.of("PACER_RETENTION_DAYS", "PERFORMANCE_RETENTION_DAYS"));
        m.put("alert-threshold-cpu", List.of("ALERT_THRESHOLD_CPU"));
        m.put("alert-threshold-memory", List.of("ALERT_THRESHOLD_MEMORY"));
        m.put("alert-threshold-disk", List.of("ALERT_THRESHOLD_DISK"));
        m.put("redis", List.of("PACER_REDIS"));
        m.put("no-auth", List.of("PACER_NO_AUTH"));
        m.put("metrics-token", List.of("PACER_METRICS_TOKEN"));
        m.put("tls-keystore", List.of("PACER_TLS_KEYSTORE"));
        m.put("tls-keystore-password", List.of("PACER_TLS_KEYSTORE_PASSWORD"));
        m.put("shutdown-timeout", List.of("PACER_SHUTDOWN_TIMEOUT"));
        m.put("rate-limit-per-address", List.of("PACER_RATE_LIMIT_PER_ADDRESS"));
        m.put("rate-limit-per-key", List.of("PACER_RATE_LIMIT_PER_KEY"));
        m.put("sign-ins-per-minute", List.of("PACER_SIGN_INS_PER_MINUTE"));
        m.put("max-request-bytes", List.of("PACER_MAX_REQUEST_BYTES"));
        m.put("session-ttl", List.of("PACER_SESSION_TTL"));
        m.put("audit-retention", List.of("PACER_AUDIT_RETENTION"));
        m.put("admin-key", List.of("PACER_ADMIN_KEY"));
        m.put("instance", List.of("PACER_INSTANCE"));
        m.put("auto-optimize", List.of("PACER_AUTO_OPTIMIZE", "ENABLE_AUTO_OPTIMIZATION"));
        m.put(
                "optimization-check-interval",
                List.of("PACER_OPTIMIZATION_CHECK_INTERVAL", "OPTIMIZATION_CHECK_INTERVAL"));
        m.put("changes-per-hour", List.of("PACER_CHANGES_PER_HOUR"));
        m.put("optimization-verify-window", List.of("PACER_OPTIMIZATION_VERIFY_WINDOW"));
        m.put("agent-secret", List.of("PACER_AGENT_SECRET"));
        return m;
    }

    /**
     * Resolves the configuration.
     *
     * @param flags the flags given, by {@link #KEYS} name, values as typed ({@code "true"} for a switch)
     * @param environment the process environment
     * @param configFile pacer.yaml, or null for none (then {@code PACER_CONFIG}, if set)
     * @param home the user's home directory (the data directory's default parent)
     * @throws IllegalArgumentException naming the source and the bad value
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Resolved resolve(
            Map<String, String> flags, Map<String, String> environment, Path configFile, Path home) {
        checkEnvironment(environment);
        Path file = configFile;
        if (file == null
                && environment.get("PACER_CONFIG") != null
                && !environment.get("PACER_CONFIG").isBlank()) {
            file = Path.of(environment.get("PACER_CONFIG").strip());
        }
        for (String key : flags.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown setting --" + key + "; known: " + String.join(", ", KEYS));
            }
        }
        ServerSettings s = new ServerSettings(flags, environment, server(file));
        try {
            return new Resolved(s.config(file, home), List.copyOf(s.warnings));
        } catch (YamlException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void checkEnvironment(Map<String, String> environment) {
        Set<String> known = new TreeSet<>(PACER_OTHERS);
        ENVIRONMENT
                .values()
                .forEach(names ->
                        names.stream().filter(n -> n.startsWith("PACER_")).forEach(known::add));
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith("PACER_") && !known.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown environment variable " + name + "; known: " + String.join(", ", known));
            }
        }
    }

    private static Map<String, Yaml.Node> server(Path file) {
        if (file == null) {
            return Map.of();
        }
        Yaml.Node document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = Yaml.read(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file (--config)");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        } catch (YamlException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (document.isNull() || !document.isMapping()) {
            return Map.of();
        }
        Yaml.Node server = document.fields().get("server");
        if (server == null || server.isNull()) {
            return Map.of();
        }
        if (!server.isMapping()) {
            throw new IllegalArgumentException(
                    server.mustBe("a mapping of settings").getMessage());
        }
        Map<String, Yaml.Node> settings = new LinkedHashMap<>();
        for (Map.Entry<String, Yaml.Node> f : server.fields().entrySet()) {
            String key = key(f.getKey());
            if (key == null) {
                List<String> names = new ArrayList<>();
                ENVIRONMENT.values().forEach(names::addAll);
                throw new IllegalArgumentException(f.getValue()
                        .error("unknown field '" + f.getKey() + "'; known: " + String.join(", ", KEYS)
                                + " (or their environment names: " + String.join(", ", names) + ")")
                        .getMessage());
            }
            if (settings.containsKey(key)) {
                throw new IllegalArgumentException(f.getValue()
                        .error("sets " + key + " again; give it once")
                        .getMessage());
            }
            settings.put(key, f.getValue());
        }
        return settings;
    }

    /** The setting a {@code server:} field names: its key, or one of its environment names; null for none. */
    private static String key(String field) {
        if (KEYS.contains(field)) {
            return field;
        }
        for (Map.Entry<String, List<String>> e : ENVIRONMENT.entrySet()) {
            if (e.getValue().contains(field)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** A value and where it came from, for messages. */
    private record Value(String text, String source) {
        <T> T parse(String rule, Function<String, T> parse) {
            try {
                return parse.apply(text.strip());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + " must be " + rule + ", but was '" + text + "'");
            }
        }
    }

    private Value value(String key) {
        if (flags.containsKey(key) && flags.get(key) != null) {
            return new Value(flags.get(key), key.equals("monitoring-interval") ? "--interval" : "--" + key);
        }
        for (String name : ENVIRONMENT.getOrDefault(key, List.of())) {
            String v = environment.get(name);
            if (v != null && !v.isBlank()) {
                return new Value(v, name);
            }
        }
        if (key.equals("redis") && environment.get("REDIS_HOST") != null) {
            String port = environment.getOrDefault("REDIS_PORT", "6379").strip();
            String db = environment.getOrDefault("REDIS_DB", "0").strip();
            return new Value(
                    "redis://" + environment.get("REDIS_HOST").strip() + ":" + port + "/" + db,
                    "REDIS_HOST/REDIS_PORT/REDIS_DB");
        }
        Yaml.Node node = file.get(key);
        if (node != null && !node.isNull()) {
            if (!node.isScalar()) {
                throw node.mustBe("a single value");
            }
            return new Value(node.text(), node.keyAt() + ": " + node.path());
        }
        return null;
    }

    private ServerConfig config(Path file, Path home) {
        for (String name : SEED_LATER) {
            if (environment.containsKey(name)) {
                warnings.add(name + " is not used by pacer serve (Pacer sizes pools and caches through"
                        + " recommendations and actions instead); ignored");
            }
        }
        Value host = value("host");
        Value port = value("port");
        Value dataDir = value("data-dir");
        Path dir = DataDirectory.resolve(
                dataDir == null ? null : dataDir.parse("a directory path", Path::of), environment, home);
        StoreConfig store = store(dir);
        Value interval = value("monitoring-interval");
        TargetsConfig targets = file == null ? TargetsConfig.ofDefaults() : TargetsConfig.read(file);
        if (interval != null) {
            Duration every = interval.parse(
                    "a duration from 100ms to 1h, such as 30 (seconds), 10s or 1m",
                    t -> within(t, TargetsConfig.MIN_INTERVAL, TargetsConfig.MAX_INTERVAL));
            try {
                targets =
                        targets.withInterval(every, targets.timeout().compareTo(every) < 0 ? targets.timeout() : every);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(interval.source() + ": " + e.getMessage(), e);
            }
        }
        RuleFile rules = file == null ? new RuleFile(List.of(), List.of()) : RuleFiles.load(file);
        Value token = value("metrics-token");
        Value keystore = value("tls-keystore");
        Value keystorePassword = value("tls-keystore-password");
        Value redis = value("redis");
        Value noAuth = value("no-auth");
        ServerConfig config = new ServerConfig(
                host == null
                        ? ServerConfig.DEFAULT_HOST
                        : host.parse("an address such as 127.0.0.1", h -> {
                            if (h.isBlank() || h.contains(" ")) {
                                throw new IllegalArgumentException();
                            }
                            return h;
                        }),
                port == null
                        ? ServerConfig.DEFAULT_PORT
                        : port.parse("a port from 0 to 65535", p -> {
                            int n = Integer.parseInt(p);
                            if (n < 0 || n > 65_535) {
                                throw new IllegalArgumentException();
                            }
                            return n;
                        }),
                dir,
                store,
                noAuth != null && noAuth.parse("true or false", ServerSettings::bool),
                token == null
                        ? null
                        : token.parse("at least 16 characters (a random token)", t -> {
                            if (t.length() < 16) {
                                throw new IllegalArgumentException();
                            }
                            return t;
                        }),
                keystore == null
                        ? null
                        : keystore.parse("a keystore file that exists", k -> {
                            if (!Files.isRegularFile(Path.of(k))) {
                                throw new IllegalArgumentException();
                            }
                            return Path.of(k);
                        }),
                keystorePassword == null ? null : keystorePassword.text(),
                redis == null
                        ? null
                        : redis.parse("redis://HOST:PORT[/DB]", r -> {
                            if (!r.matches("rediss?://[^/\\s:]+:\\d+(/\\d+)?")) {
                                throw new IllegalArgumentException();
                            }
                            return r;
                        }),
                targets,
                thresholds(rules.rules()),
                rules.webhooks(),
                parsed(
                        "shutdown-timeout",
                        ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT,
                        "a duration from 0s to 10m, e.g. 20s",
                        d -> within(d, Duration.ZERO, Duration.ofMinutes(10))),
                security(),
                parsed("instance", null, "1 to 128 letters, digits and . _ : - (e.g. pacer-1)", i -> {
                    if (!ServerConfig.INSTANCE.matcher(i).matches()) {
                        throw new IllegalArgumentException();
                    }
                    return i;
                }),
                optimization());
        return config;
    }

    /** Auto-optimisation, the change budget, the verification window and the agents' secret. */
    private OptimizationConfig optimization() {
        ActionsConfig d = ActionsConfig.ofDefaults();
        String window = "a duration from 1s to 1d, such as 300 (seconds), 30s or 5m";
        ActionsConfig actions = new ActionsConfig(
                parsed("auto-optimize", d.autoOptimize(), "true or false", ServerSettings::bool),
                parsed("optimization-check-interval", d.checkInterval(), window, ServerSettings::upToADay),
                parsed("changes-per-hour", d.changesPerHour(), "a whole number from 1 to 60", n -> {
                    Check.range("changes per hour", Integer.parseInt(n), 1, 60);
                    return Integer.parseInt(n);
                }),
                d.planTtl(),
                parsed("optimization-verify-window", d.verifyWindow(), window, ServerSettings::upToADay));
        Value secret = value("agent-secret");
        try {
            return OptimizationConfig.DEFAULTS
                    .withActions(actions)
                    .withAgentSecret(secret == null ? null : secret.text().strip());
        } catch (IllegalArgumentException e) { // the message shows the secret's length, never the secret
            throw new IllegalArgumentException(secret.source() + ": " + e.getMessage(), e);
        }
    }

    private static Duration upToADay(String text) {
        return within(text, Duration.ofSeconds(1), Duration.ofDays(1));
    }

    /** Rate limits, request size, sessions, audit retention and the first admin key. */
    private SecurityConfig security() {
        SecurityConfig d = SecurityConfig.DEFAULTS;
        String perMinute = "requests per minute from 1 to 100000000";
        return new SecurityConfig(
                parsed("rate-limit-per-address", d.requestsPerMinutePerAddress(), perMinute, ServerSettings::perMinute),
                parsed("rate-limit-per-key", d.requestsPerMinutePerKey(), perMinute, ServerSettings::perMinute),
                parsed("sign-ins-per-minute", d.signInsPerMinutePerAddress(), perMinute, ServerSettings::perMinute),
                parsed("max-request-bytes", d.maxRequestBytes(), "a number of bytes from 1024 to 1073741824", b -> {
                    long n = Long.parseLong(b);
                    if (n < 1024 || n > 1L << 30) {
                        throw new IllegalArgumentException();
                    }
                    return n;
                }),
                parsed(
                        "session-ttl",
                        d.sessionTtl(),
                        "a duration from 1m to 30d, e.g. 12h",
                        t -> within(t, Duration.ofMinutes(1), Duration.ofDays(30))),
                adminKey(value("admin-key")),
                parsed(
                        "audit-retention",
                        d.auditRetention(),
                        "a duration from 1d to 36500d, e.g. 400d",
                        t -> within(t, Duration.ofDays(1), Duration.ofDays(36_500))));
    }

    /** The setting {@code key} parsed, or {@code otherwise} when no source sets it. */
    private <T> T parsed(String key, T otherwise, String rule, Function<String, T> parse) {
        Value v = value(key);
        return v == null ? otherwise : v.parse(rule, parse);
    }

    private static Duration within(String text, Duration min, Duration max) {
        Duration d = duration(text);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException();
        }
        return d;
    }

    /** The key as given; a malformed one is refused without echoing it (it is a secret). */
    private static String adminKey(Value key) {
        if (key == null) {
            return null;
        }
        if (!SecurityConfig.API_KEY.matcher(key.text().trim()).matches()) {
            throw new IllegalArgumentException(key.source()
                    + " must be pacer_ and 43 base64url characters (a key pacer printed); the value is not shown");
        }
        return key.text().trim();
    }

    private static int perMinute(String text) {
        int n = Integer.parseInt(text.trim());
        if (n < 1 || n > 100_000_000) {
            throw new IllegalArgumentException();
        }
        return n;
    }

    private StoreConfig store(Path dir) {
        Value url = value("store");
        Value user = value("store-user");
        Value days = value("retention-days");
        StoreConfig store;
        if (url == null && user != null) {
            throw new IllegalArgumentException(user.source()
                    + " applies to a PostgreSQL store (--store, PACER_STORE or DATABASE_URL); the SQLite store has no"
                    + " user");
        }
        if (url == null) {
            store = StoreConfig.sqlite(dir);
        } else {
            String rule = "jdbc:postgresql://HOST:PORT/DATABASE or postgresql://USER:PASSWORD@HOST:PORT/DATABASE";
            store = url.parse(rule, u -> postgres(u, user == null ? DEFAULT_STORE_USER : user.text()));
        }
        if (days != null) {
            int n = days.parse("a whole number of days from 1 to 3650", d -> {
                int v = Integer.parseInt(d);
                if (v < 1 || v > 3650) {
                    throw new IllegalArgumentException();
                }
                return v;
            });
            store = store.withRetention(retention(Duration.ofDays(n)));
        }
        return store;
    }

    /** The 5-minute rollups kept {@code days}; finer resolutions cut to it, coarser raised to it. */
    static Retention retention(Duration days) {
        Retention d = Retention.DEFAULT;
        return new Retention(
                min(d.raw(), days),
                min(d.minute(), days),
                days,
                max(d.fifteenMinutes(), days),
                max(d.hour(), days),
                max(d.day(), days));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) > 0 ? a : b;
    }

    private StoreConfig postgres(String url, String user) {
        String password = environment.get("PACER_DB_PASSWORD");
        if (url.startsWith("jdbc:postgresql://")) {
            return StoreConfig.postgres(url, user, password);
        }
        URI uri = URI.create(url);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException();
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "/" : uri.getRawPath());
        String info = uri.getUserInfo();
        if (info == null) {
            return StoreConfig.postgres(jdbc, user, password);
        }
        int colon = info.indexOf(':');
        return colon < 0
                ? StoreConfig.postgres(jdbc, info, password)
                : StoreConfig.postgres(jdbc, info.substring(0, colon), info.substring(colon + 1));
    }

    /** The rules with seed 002's {@code ALERT_THRESHOLD_*} applied: each replaces the rule of its name. */
    private List<AlertRule> thresholds(List<AlertRule> fromFile) {
        Map<String, String[]> by = new LinkedHashMap<>();
        by.put("alert-threshold-cpu", new String[] {"host-cpu", "host.cpu.usage.ratio", "CPU"});
        by.put("alert-threshold-memory", new String[] {"host-memory", "host.memory.used.ratio", "memory"});
        by.put("alert-threshold-disk", new String[] {"host-disk", "host.disk.used.ratio", "disk"});
        List<AlertRule> rules = null;
        for (Map.Entry<String, String[]> e : by.entrySet()) {
            Value v = value(e.getKey());
            if (v == null) {
                continue;
            }
            double percent = v.parse("a percentage from 0 to 100, e.g. 80.0", t -> {
                double p = Double.parseDouble(t);
                if (!(p > 0 && p <= 100)) {
                    throw new IllegalArgumentException();
                }
                return p;
            });
            String[] rule = e.getValue();
            if (rules == null) {
                rules = new ArrayList<>(MonitorSetup.rulesOrDefaults(fromFile));
            }
            rules.removeIf(r -> r.name().equals(rule[0]));
            rules.add(AlertRule.of(rule[0], rule[1], null, percent / 100)
                    .withSummary(rule[2] + " usage must stay below " + v.text().strip() + " % (" + v.source() + ")"));
        }
        return rules == null ? fromFile : rules;
    }

    private static boolean bool(String text) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException();
    }

    /** A bare number is seconds (seed 002's {@code MONITORING_INTERVAL=30}); else {@code 10s}, {@code 1m}, … */
    static Duration duration(String text) {
        if (text.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        return Durations.parse(text);
    }
}
