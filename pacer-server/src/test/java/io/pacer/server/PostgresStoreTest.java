package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.Await;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The service over a real PostgreSQL: the same routes, the state migrations and the history in one database. */
@ExtendWith(PostgresExtension.class)
@Timeout(180)
class PostgresStoreTest {

    @Test
    void historyHealthAndTargetsWorkOverPostgres(PostgresServer postgres, @TempDir Path dir) {
        StoreConfig store = StoreConfig.postgres(postgres.newDatabase(), postgres.user(), postgres.password());
        try (PacerServer server = PacerServer.start(ServerApiTest.fast(dir).withStore(store))) {
            Http http = new Http(server.uri());
            Await.until(
                    Duration.ofSeconds(60),
                    "jvm samples stored in PostgreSQL",
                    () -> http.get("/api/performance/metrics?hours=1&name=collector.up&label.collector=jvm")
                                    .json()
                                    .path("points")
                                    .asInt()
                            >= 1);
            Http.Answer health = http.get("/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            JsonNode storeHealth = health.json().path("components").path("store");
            assertThat(storeHealth.path("detail").asText()).startsWith("writable; ");

            Http.Answer added =
                    http.post("/api/targets", "{\"kind\": \"health\", \"target\": \"" + server.uri() + "/health\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            assertThat(added.json().path("id").asLong()).isPositive();
            assertThat(http.get("/api/targets").json().path("targets").findValuesAsText("source"))
                    .contains("api");
        }
    }
}
