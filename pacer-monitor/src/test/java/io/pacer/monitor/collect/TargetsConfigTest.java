package io.pacer.monitor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetsConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryTargetAndLeavesOtherSectionsAlone() throws IOException {
        Path file = write("""
                store:
                  retention: { raw: 24h }
                targets:
                  interval: 15s
                  timeout: 3s
                  host: false
                  postgres: [ "postgresql://monitor:secret@db:5432/app" ]
                  redis: cache:6379
                  scrape:
                    - http://app:8080/metrics
                  health: [ "http://app:8080/health", "https://billing/health" ]
                  jmx: [ "127.0.0.1:9010" ]
                  kafka: [ "b1:9092,b2:9092" ]
                alerts: []
                """);
        assertThat(TargetsConfig.read(file))
                .isEqualTo(new TargetsConfig(
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(3),
                        false,
                        true,
                        List.of("postgresql://monitor:secret@db:5432/app"),
                        List.of(new HostPort("cache", 6379)),
                        List.of(URI.create("http://app:8080/metrics")),
                        List.of(URI.create("http://app:8080/health"), URI.create("https://billing/health")),
                        List.of(new HostPort("127.0.0.1", 9010)),
                        List.of("b1:9092,b2:9092")));
    }

    @Test
    void anEmptyFileOrOneWithoutTargetsGivesTheDefaults() throws IOException {
        assertThat(TargetsConfig.read(write(""))).isEqualTo(TargetsConfig.ofDefaults());
        assertThat(TargetsConfig.read(write("store: {}\n"))).isEqualTo(TargetsConfig.ofDefaults());
        assertThat(TargetsConfig.read(write("targets:\n"))).isEqualTo(TargetsConfig.ofDefaults());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad address      | targets:\\n  redis: [ "cache:6379", "nohost" ]   | pacer.yaml:2:26: targets.redis[1]: must be host:port, e.g. 127.0.0.1:6379, but was 'nohost'
            unknown setting  | targets:\\n  scrap: [ "http://a/metrics" ]     | pacer.yaml:2:3: targets.scrap: unknown field 'scrap'; known: interval, timeout, host, jvm, postgres, redis, scrape, health, jmx, kafka
            not a duration   | targets:\\n  interval: fast                   | pacer.yaml:2:3: targets.interval: 'fast' is not a duration: use e.g. 250ms, 15s, 2m, 1h or PT1S
            too short        | targets:\\n  interval: 10ms                   | pacer.yaml:2:3: targets.interval: must be in [PT0.1S, PT1H], but was PT0.01S
            not a boolean    | targets:\\n  host: maybe                      | pacer.yaml:2:3: targets.host: must be true or false, but was 'maybe'
            not http         | targets:\\n  scrape: ftp://app/metrics         | pacer.yaml:2:3: targets.scrape: must be an http:// or https:// URL, e.g. http://127.0.0.1:8080/metrics, but was 'ftp://app/metrics'
            not postgres     | targets:\\n  postgres: [ "mysql://db/app" ]   | pacer.yaml:2:15: targets.postgres[0]: must be a PostgreSQL URL: jdbc:postgresql://host:5432/db?user=u&password=p or postgresql://u:p@host:5432/db, but was 'mysql://db/app'
            bad kafka list   | targets:\\n  kafka: [ "b1:9092,b2" ]          | pacer.yaml:2:12: targets.kafka[0]: must be host:port, e.g. 127.0.0.1:6379, but was 'b2'
            repeated item    | targets:\\n  jmx: [ "a:1", "a:1" ]            | pacer.yaml:2:17: targets.jmx[1]: repeats targets.jmx[0]: a:1
            set twice        | targets:\\n  jvm: true\\n  jvm: false          | pacer.yaml:3:3: targets.jvm: appears twice (first at line 2); keep one
            nested list      | targets:\\n  redis: [ [ "a:1" ] ]              | pacer.yaml:2:12: targets.redis[0]: must be a single value, but was a list
            not a mapping    | targets: 5                                     | pacer.yaml:1:1: targets: must be a mapping with fields interval, timeout, host, jvm, postgres, redis, scrape, health, jmx, kafka, but was 5
            not YAML         | targets: "unclosed                             | pacer.yaml:1:8: not valid YAML: while scanning a quoted scalar
            """)
    void badFilesNameFileLineColumnAndField(String what, String yaml, String message) throws IOException {
        Path file = write(yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> TargetsConfig.read(file))
                .as(what)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.getParent() + "/" + message);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> TargetsConfig.read(missing)).hasMessage(missing + ": no such file");
    }

    @Test
    void flagsAddTargetsOnceAndNameTheFlagWhenBad() {
        TargetsConfig config = TargetsConfig.ofDefaults()
                .withFlags(
                        List.of("jdbc:postgresql://db/app"),
                        List.of("cache:6379", "cache:6379"),
                        List.of("http://app/metrics"),
                        List.of(),
                        List.of("[::1]:9010"),
                        List.of("b1:9092"));
        assertThat(config.redis()).containsExactly(new HostPort("cache", 6379));
        assertThat(config.jmx()).containsExactly(new HostPort("[::1]", 9010));
        assertThat(config.postgres()).containsExactly("jdbc:postgresql://db/app");
        assertThatThrownBy(() -> TargetsConfig.ofDefaults()
                        .withFlags(List.of(), List.of("cache"), List.of(), List.of(), List.of(), List.of()))
                .hasMessage("--redis must be host:port, e.g. 127.0.0.1:6379, but was 'cache'");
        assertThatThrownBy(() -> TargetsConfig.ofDefaults()
                        .withFlags(List.of(), List.of(), List.of("app/metrics"), List.of(), List.of(), List.of()))
                .hasMessage("--scrape must be an http:// or https:// URL, e.g. http://127.0.0.1:8080/metrics,"
                        + " but was 'app/metrics'");
        assertThatThrownBy(() -> TargetsConfig.ofDefaults()
                        .withFlags(List.of(), List.of("db:70000"), List.of(), List.of(), List.of(), List.of()))
                .hasMessage("--redis must be host:port with a port in [1, 65535], but was 'db:70000'");
    }

    @Test
    void aKafkaBootstrapListNeedsAtLeastOneServer() {
        for (String empty : List.of(",", " , ,", ",,")) {
            assertThatThrownBy(() -> TargetsConfig.ofDefaults()
                            .withFlags(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(empty)))
                    .as(empty)
                    .hasMessage("--kafka must be a bootstrap list host:port[,host:port...] with at least one"
                            + " host:port, but was '" + empty + "'");
        }
        assertThat(TargetsConfig.ofDefaults()
                        .withFlags(List.of(), List.of(), List.of(), List.of(), List.of(), List.of("b1:9092,"))
                        .kafka())
                .as("an empty entry is skipped, as Kafka's client skips it")
                .containsExactly("b1:9092,");
    }

    @Test
    void aBadTargetIsQuotedWithItsSecretsMasked() {
        assertThatThrownBy(() -> TargetsConfig.ofDefaults()
                        .withFlags(
                                List.of("postgresql://u:pgsecret@/db"),
                                List.of(),
                                List.of(),
                                List.of(),
                                List.of(),
                                List.of()))
                .hasMessageContaining("but was 'postgresql://u:***@/db'")
                .message()
                .doesNotContain("pgsecret");
        assertThatThrownBy(() -> TargetsConfig.ofDefaults()
                        .withFlags(
                                List.of(),
                                List.of(),
                                List.of("ftp://u:pw@app/metrics?token=t0k"),
                                List.of(),
                                List.of(),
                                List.of()))
                .hasMessageEndingWith("but was 'ftp://u:***@app/metrics?token=***'");
        assertThatThrownBy(() -> TargetsConfig.ofDefaults()
                        .withFlags(List.of(), List.of("redis://:pw@cache"), List.of(), List.of(), List.of(), List.of()))
                .hasMessageEndingWith("but was 'redis://:***@cache'");
    }

    @Test
    void collectorsAreMadeForEveryTargetButKafka() {
        TargetsConfig config = TargetsConfig.ofDefaults()
                .withFlags(
                        List.of("postgresql://u:p@db/app"),
                        List.of("cache:6379"),
                        List.of("http://app/metrics"),
                        List.of("http://app/health"),
                        List.of("app:9010"),
                        List.of("b1:9092"));
        assertThat(Collectors.of(config))
                .extracting(io.pacer.monitor.Collector::name)
                .containsExactly(
                        "host",
                        "jvm",
                        "jvm:app:9010",
                        "scrape:http://app/metrics",
                        "health:http://app/health",
                        "postgres:db:5432/app",
                        "redis:cache:6379");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("pacer.yaml"), yaml);
    }
}
