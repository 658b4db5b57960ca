package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.store.Retention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags > environment > pacer.yaml, seed 002's names, and every error naming its source. */
class ServerSettingsTest {

    @TempDir
    Path dir;

    private ServerConfig resolve(Map<String, String> flags, Map<String, String> env, Path file) {
        return ServerSettings.resolve(flags, env, file, dir.resolve("home")).config();
    }

    private Path yaml(String text) throws Exception {
        return Files.writeString(dir.resolve("pacer.yaml"), text);
    }

    @Test
    void withNothingGivenTheDefaults() {
        ServerConfig config = resolve(Map.of(), Map.of(), null);

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8420);
        assertThat(config.dataDir()).isEqualTo(dir.resolve("home/.pacer"));
        assertThat(config.store().jdbcUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("home/.pacer/metrics.db"));
        assertThat(config.noAuth()).isFalse();
        assertThat(config.shutdownTimeout()).isEqualTo(ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT);
        assertThat(config.targets().interval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rateLimitsAndTheFirstAdminKeyReachTheSecurityConfig() {
        String key = "pacer_" + "a".repeat(43);
        ServerConfig config = resolve(
                Map.of("rate-limit-per-address", "100000"),
                Map.of("PACER_RATE_LIMIT_PER_KEY", "50", "PACER_ADMIN_KEY", key),
                null);

        assertThat(config.security().requestsPerMinutePerAddress()).isEqualTo(100_000);
        assertThat(config.security().requestsPerMinutePerKey()).isEqualTo(50);
        assertThat(config.security().adminKey()).isEqualTo(key);
        assertThat(resolve(Map.of(), Map.of(), null).security()).isEqualTo(SecurityConfig.DEFAULTS);
        assertThatThrownBy(() -> resolve(Map.of("rate-limit-per-address", "0"), Map.of(), null))
                .hasMessageContaining("--rate-limit-per-address")
                .hasMessageContaining("from 1 to 100000000");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("PACER_ADMIN_KEY", "secret"), null))
                .hasMessageContaining("PACER_ADMIN_KEY")
                .hasMessageNotContaining("secret");
    }

    @Test
    void sessionsSignInsRequestSizeAuditAndInstanceHaveSettingsToo() throws Exception {
        Path file = yaml("server:\n  audit-retention: 30d\n  instance: pacer-a\n");
        ServerConfig config = resolve(
                Map.of("session-ttl", "2h", "max-request-bytes", "4096"),
                Map.of("PACER_SIGN_INS_PER_MINUTE", "3"),
                file);

        assertThat(config.security().sessionTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.security().maxRequestBytes()).isEqualTo(4096);
        assertThat(config.security().signInsPerMinutePerAddress()).isEqualTo(3);
        assertThat(config.security().auditRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.instance()).isEqualTo("pacer-a");
        assertThat(config.instanceName()).isEqualTo("pacer-a");
        assertThat(resolve(Map.of("port", "8421"), Map.of(), null).instanceName())
                .as("unnamed: the host's name and the port, stable across restarts")
                .endsWith(":8421");
        assertThatThrownBy(() -> resolve(Map.of("session-ttl", "10s"), Map.of(), null))
                .hasMessage("--session-ttl must be a duration from 1m to 30d, e.g. 12h, but was '10s'");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("PACER_MAX_REQUEST_BYTES", "16MiB"), null))
                .hasMessage("PACER_MAX_REQUEST_BYTES must be a number of bytes from 1024 to 1073741824, but was"
                        + " '16MiB'");
        assertThatThrownBy(() -> resolve(Map.of("monitoring-interval", "0"), Map.of(), null))
                .as("pacer serve's flag is --interval; durations as people type them")
                .hasMessage("--interval must be a duration from 100ms to 1h, such as 30 (seconds), 10s or 1m, but was"
                        + " '0'");
        assertThatThrownBy(() -> resolve(Map.of("instance", "a b"), Map.of(), null))
                .hasMessageStartingWith("--instance must be 1 to 128 letters");
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
        Path file = yaml("server:\n  port: 1000\n  host: 10.0.0.1\n");
        Map<String, String> env = Map.of("PERFORMANCE_OPTIMIZATION_PORT", "2000");
        Map<String, String> flags = Map.of("port", "3000");

        assertThat(resolve(flags, env, file).port()).isEqualTo(3000);
        assertThat(resolve(Map.of(), env, file).port()).isEqualTo(2000);
        assertThat(resolve(Map.of(), Map.of(), file).port()).isEqualTo(1000);
        assertThat(resolve(flags, env, file).host())
                .as("from the file: nothing else set it")
                .isEqualTo("10.0.0.1");
        assertThat(resolve(Map.of(), Map.of("PACER_PORT", "4000", "PERFORMANCE_OPTIMIZATION_PORT", "2000"), file)
                        .port())
                .as("Pacer's own name before seed 002's")
                .isEqualTo(4000);
    }

    @Test
    void seed002sEnvironmentIsUnderstood() {
        Map<String, String> env = new HashMap<>();
        env.put("HOST", "127.0.0.1");
        env.put("MONITORING_INTERVAL", "30");
        env.put("PERFORMANCE_RETENTION_DAYS", "7");
        env.put("ALERT_THRESHOLD_CPU", "80.0");
        env.put("DATABASE_URL", "postgresql://user:secret@db:5432/agentic_brain");
        env.put("REDIS_HOST", "cache");
        env.put("REDIS_PORT", "6380");
        env.put("CACHE_TTL_SECONDS", "3600");

        ServerSettings.Resolved resolved = ServerSettings.resolve(Map.of(), env, null, dir);
        ServerConfig config = resolved.config();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.targets().interval()).isEqualTo(Duration.ofSeconds(30));
        Retention retention = config.store().retention();
        assertThat(retention.fiveMinutes()).isEqualTo(Duration.ofDays(7));
        assertThat(retention.minute()).isEqualTo(Duration.ofDays(7));
        assertThat(retention.raw()).isEqualTo(Retention.DEFAULT_RAW);
        assertThat(retention.hour()).isEqualTo(Retention.DEFAULT_HOUR);
        AlertRule cpu = config.rules().stream()
                .filter(r -> r.name().equals("host-cpu"))
                .findFirst()
                .orElseThrow();
        assertThat(cpu.critical()).isEqualTo(0.80);
        assertThat(cpu.metric()).isEqualTo("host.cpu.usage.ratio");
        assertThat(config.rules()).extracting(AlertRule::name).contains("stream-latency-p95", "kafka-group-status");
        assertThat(config.rules()).filteredOn(r -> r.name().equals("host-cpu")).hasSize(1);
        assertThat(config.store().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/agentic_brain");
        assertThat(config.store().user()).isEqualTo("user");
        assertThat(config.store().password()).isEqualTo("secret");
        assertThat(config.redisUrl()).isEqualTo("redis://cache:6380/0");
        assertThat(resolved.warnings()).singleElement().asString().startsWith("CACHE_TTL_SECONDS is not used");
    }

    @Test
    void autoOptimisationIsOffByDefaultAndSeed002sVariablesTurnItOn() throws Exception {
        assertThat(resolve(Map.of(), Map.of(), null).optimization()).isEqualTo(OptimizationConfig.DEFAULTS);
        assertThat(OptimizationConfig.DEFAULTS.actions().autoOptimize()).isFalse();

        ServerSettings.Resolved seed = ServerSettings.resolve(
                Map.of(), Map.of("ENABLE_AUTO_OPTIMIZATION", "true", "OPTIMIZATION_CHECK_INTERVAL", "60"), null, dir);
        assertThat(seed.warnings()).as("both are used now").isEmpty();
        assertThat(seed.config().optimization().actions().autoOptimize()).isTrue();
        assertThat(seed.config().optimization().actions().checkInterval()).isEqualTo(Duration.ofSeconds(60));

        String secret = "s3cret-agent-token-0123";
        Path file = yaml("server:\n  changes-per-hour: 5\n  optimization-verify-window: 2m\n");
        ServerConfig config = resolve(
                Map.of("auto-optimize", "false", "optimization-check-interval", "10s"),
                Map.of("ENABLE_AUTO_OPTIMIZATION", "true", "PACER_AGENT_SECRET", secret),
                file);
        assertThat(config.optimization().actions().autoOptimize())
                .as("the flag wins")
                .isFalse();
        assertThat(config.optimization().actions().checkInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.optimization().actions().changesPerHour()).isEqualTo(5);
        assertThat(config.optimization().actions().verifyWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.optimization().agentSecret()).isEqualTo(secret);
        assertThat(config.toString()).doesNotContain(secret);

        assertThatThrownBy(() -> resolve(Map.of(), Map.of("OPTIMIZATION_CHECK_INTERVAL", "0"), null))
                .hasMessageContaining("OPTIMIZATION_CHECK_INTERVAL must be a duration from 1s to 1d");
        assertThatThrownBy(() -> resolve(Map.of("changes-per-hour", "61"), Map.of(), null))
                .hasMessageContaining("--changes-per-hour must be a whole number from 1 to 60");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("ENABLE_AUTO_OPTIMIZATION", "yes"), null))
                .hasMessageContaining("ENABLE_AUTO_OPTIMIZATION must be true or false");
        assertThatThrownBy(() -> resolve(Map.of("agent-secret", "short-secret"), Map.of(), null))
                .hasMessageContaining("--agent-secret")
                .hasMessageContaining("at least 16 characters")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void theFileHoldsTargetsRulesAndTheServerSection() throws Exception {
        Path file = yaml("""
                server:
                  port: 9000
                  data-dir: %s
                  retention-days: 60
                targets:
                  interval: 5s
                  jvm: false
                rules:
                  - name: heap
                    metric: jvm.memory.heap.used.ratio
                    critical: 0.9
                """.formatted(dir.resolve("data")));

        ServerConfig config = resolve(Map.of("monitoring-interval", "2s"), Map.of(), file);

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(config.targets().jvm()).isFalse();
        assertThat(config.targets().interval())
                .as("the flag over targets.interval")
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(config.rules()).extracting(AlertRule::name).containsExactly("heap");
        assertThat(config.store().retention().fiveMinutes()).isEqualTo(Duration.ofDays(60));
        assertThat(config.store().retention().fifteenMinutes()).isEqualTo(Duration.ofDays(60));
    }

    @Test
    void theServerSectionAlsoTakesTheEnvironmentNamesSoASeedEnvFileCanBePastedIn() throws Exception {
        Path file = yaml("server:\n  PERFORMANCE_OPTIMIZATION_PORT: 7000\n  MONITORING_INTERVAL: 30\n");
        ServerConfig config = resolve(Map.of(), Map.of(), file);

        assertThat(config.port()).isEqualTo(7000);
        assertThat(config.targets().interval()).isEqualTo(Duration.ofSeconds(30));
        Path twice = yaml("server:\n  port: 1\n  PACER_PORT: 2\n");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of(), twice))
                .hasMessage(twice + ":3:3: server.PACER_PORT: sets port again; give it once");
        Path unknown = yaml("server:\n  PACER_PROT: 2\n");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of(), unknown))
                .hasMessageStartingWith(unknown + ":2:3: server.PACER_PROT: unknown field 'PACER_PROT'; known: host,")
                .hasMessageContaining("(or their environment names: PACER_HOST, HOST, PACER_PORT,");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of(), yaml("server:\n  PERFORMANCE_OPTIMIZATION_PORT: x\n")))
                .hasMessageEndingWith(
                        ":2:3: server.PERFORMANCE_OPTIMIZATION_PORT must be a port from 0 to 65535, but was 'x'");
    }

    @Test
    void everyBadValueNamesItsSource() throws Exception {
        Path file = yaml("server:\n  port: eighty\n");
        Map<String, String> noFlags = Map.of();

        assertThatThrownBy(() -> resolve(Map.of("port", "-1"), Map.of(), null))
                .hasMessage("--port must be a port from 0 to 65535, but was '-1'");
        assertThatThrownBy(() -> resolve(noFlags, Map.of("PERFORMANCE_OPTIMIZATION_PORT", "x"), null))
                .hasMessage("PERFORMANCE_OPTIMIZATION_PORT must be a port from 0 to 65535, but was 'x'");
        assertThatThrownBy(() -> resolve(noFlags, Map.of(), file))
                .hasMessage(file + ":2:3: server.port must be a port from 0 to 65535, but was 'eighty'");
        assertThatThrownBy(() -> resolve(noFlags, Map.of("MONITORING_INTERVAL", "often"), null))
                .hasMessage(
                        "MONITORING_INTERVAL must be a duration from 100ms to 1h, such as 30 (seconds), 10s or 1m, but"
                                + " was 'often'");
        assertThatThrownBy(() -> resolve(noFlags, Map.of("ALERT_THRESHOLD_CPU", "180"), null))
                .hasMessage("ALERT_THRESHOLD_CPU must be a percentage from 0 to 100, e.g. 80.0, but was '180'");
        assertThatThrownBy(() -> resolve(noFlags, Map.of("DATABASE_URL", "mysql://db/x"), null))
                .hasMessageStartingWith("DATABASE_URL must be jdbc:postgresql://HOST:PORT/DATABASE or");
        assertThatThrownBy(() -> resolve(Map.of("no-auth", "yes"), Map.of(), null))
                .hasMessage("--no-auth must be true or false, but was 'yes'");
        assertThatThrownBy(() -> resolve(Map.of("metrics-token", "short"), Map.of(), null))
                .hasMessage("--metrics-token must be at least 16 characters (a random token), but was 'short'");
    }

    @Test
    void anUnknownKeyOrPacerVariableIsAnErrorNamingTheKnownOnes() throws Exception {
        Path file = yaml("server:\n  prot: 8420\n");

        assertThatThrownBy(() -> resolve(Map.of(), Map.of(), file))
                .hasMessageStartingWith(file + ":2:3: server.prot: unknown field 'prot'; known: host, port, data-dir");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("PACER_PROT", "8420"), null))
                .hasMessageStartingWith("unknown environment variable PACER_PROT; known: ")
                .hasMessageContaining("PACER_PORT")
                .hasMessageContaining("PACER_HOME");
        assertThat(resolve(Map.of(), Map.of("PACER_HOME", dir.toString(), "PATH", "/bin"), null)
                        .dataDir())
                .isEqualTo(dir);
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of(), missing))
                .hasMessage(missing + ": no such file (--config)");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("PACER_CONFIG", missing.toString()), null))
                .hasMessage(missing + ": no such file (--config)");
    }
}
