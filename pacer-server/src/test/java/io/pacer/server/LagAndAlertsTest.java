package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.embedded.EmbeddedKafka;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.testing.Await;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.LaggingGroup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Kafka lag from the embedded broker, added as a target while the service runs; alerts current and past. */
@ExtendWith(KafkaExtension.class)
@Timeout(180)
class LagAndAlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GROUP = "serve-lagging";

    @Test
    void aKafkaTargetAddedWhileRunningServesAndPublishesItsGroupsLag(EmbeddedKafka kafka, @TempDir Path dir)
            throws Exception {
        laggingGroup(kafka.bootstrapServers(), "serve-lag", 30, 12);
        try (PacerServer server = PacerServer.start(ServerApiTest.fast(dir))) {
            Http http = new Http(server.uri());
            Http.Answer added = http.post(
                    "/api/targets", "{\"kind\": \"kafka\", \"target\": \"" + kafka.bootstrapServers() + "\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(201);

            Await.until(
                    WAIT,
                    "the group's lag served",
                    () -> group(http.get("/api/lag").json()) != null);
            JsonNode group = group(http.get("/api/lag").json());
            assertThat(group.path("group").path("totalLag").asLong()).isEqualTo(18);
            assertThat(group.path("partitions").get(0).path("topic").asText()).isEqualTo("serve-lag");
            assertThat(group.path("partitions").get(0).path("currentLag").asLong())
                    .isEqualTo(18);
            try (EventStream stream =
                    new EventStream(http.client(), server.uri().resolve("/api/events"), null)) {
                Await.until(
                        WAIT, "the latest lag event", () -> !stream.of("lag").isEmpty());
                assertThat(group(stream.of("lag").get(0).json())).isNotNull();
            }
        }
    }

    @Test
    void alertsAreServedNowAndInTheHistoryWithTheRulesInForce(@TempDir Path dir) {
        AlertRule always = AlertRule.of("threads-present", "jvm.threads.live", null, 0.5)
                .withFor(Duration.ZERO)
                .withSummary("there are threads");
        try (PacerServer server = PacerServer.start(ServerApiTest.fast(dir).withRules(List.of(always)))) {
            Http http = new Http(server.uri());
            Await.until(
                    WAIT,
                    "the alert firing",
                    () -> http.get("/api/alerts").json().path("alerts").size() == 1);

            JsonNode alert = http.get("/api/alerts").json().path("alerts").get(0);
            assertThat(alert.path("rule").asText()).isEqualTo("threads-present");
            assertThat(alert.path("state").asText()).isEqualTo("firing");
            assertThat(alert.path("severity").asText()).isEqualTo("critical");
            assertThat(alert.path("component").asText()).isEqualTo("jvm");
            Await.until(
                    WAIT,
                    "the transition stored",
                    () -> http.get("/api/alerts/history?rule=threads-present")
                                    .json()
                                    .path("transitions")
                                    .size()
                            >= 1);
            JsonNode transition = http.get("/api/alerts/history?hours=1&rule=threads-present&limit=10")
                    .json()
                    .path("transitions")
                    .get(0);
            assertThat(transition.path("to").asText()).isEqualTo("FIRING");
            assertThat(transition.path("series").path("name").asText()).isEqualTo("jvm.threads.live");
            assertThat(http.get("/api/alerts/history?rule=someone-else").json().path("transitions"))
                    .isEmpty();
            JsonNode rules = http.get("/api/alerts/rules").json().path("rules");
            assertThat(rules).hasSize(1);
            assertThat(rules.get(0).path("critical").asDouble()).isEqualTo(0.5);
            assertThat(rules.get(0).path("forSeconds").asDouble()).isZero();
            assertThat(rules.get(0).path("summary").asText()).isEqualTo("there are threads");
            Http.Answer bad = http.get("/api/alerts/history?limit=lots&rule=no%20spaces");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("limit", "rule");
        }
    }

    @Test
    void anInstanceEvaluatesOnlyWhileItsGateSaysSoAndTakesUpWhenItOpens(@TempDir Path dir) throws Exception {
        AlertRule always =
                AlertRule.of("threads-present", "jvm.threads.live", null, 0.5).withFor(Duration.ZERO);
        AtomicBoolean leader = new AtomicBoolean(false);
        try (PacerServer server = PacerServer.start(
                ServerApiTest.fast(dir).withRules(List.of(always)), Clock.systemUTC(), List.of(), leader::get)) {
            Http http = new Http(server.uri());
            try (EventStream stream =
                    new EventStream(http.client(), server.uri().resolve("/api/events"), null)) {
                // jvm samples keep arriving; three health refreshes later a gated instance has still fired nothing
                Await.until(
                        WAIT,
                        "samples and three health refreshes",
                        () -> stream.of("health").size() >= 4
                                && stream.of("sample").size() >= 3);
                assertThat(stream.of("alert")).isEmpty();
                assertThat(http.get("/api/alerts").json().path("alerts")).isEmpty();

                leader.set(true);
                Await.until(
                        WAIT,
                        "the alert fired once evaluating",
                        () -> stream.of("alert").stream()
                                .anyMatch(e -> e.json().path("to").asText().equals("FIRING")));
            }
        }
    }

    private static JsonNode group(JsonNode lag) {
        for (JsonNode g : lag.path("groups")) {
            if (g.path("group").path("name").asText().equals(GROUP)) {
                return g;
            }
        }
        return null;
    }

    static void laggingGroup(String bootstrap, String topic, int records, int committed) throws Exception {
        LaggingGroup.create(bootstrap, topic, GROUP, records, committed);
    }
}
