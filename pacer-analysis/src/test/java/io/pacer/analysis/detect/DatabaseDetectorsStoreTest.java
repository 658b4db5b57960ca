package io.pacer.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.analysis.PostgresSeed;
import io.pacer.monitor.Collector;
import io.pacer.monitor.collect.Collectors;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database detectors over what the monitor's PostgreSQL collector really writes to a real SQLite store: the
 * series names and labels they read are the collector's. A server with three seeded slow statements has slow queries;
 * its connections and buffer cache are quiet.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(120)
class DatabaseDetectorsStoreTest {

    @Test
    void slowStatementsCollectedIntoAStoreAreFoundAndTheRestIsQuiet(PostgresServer server, @TempDir Path dir)
            throws Exception {
        String url = PostgresSeed.database(server);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir));
                Collector collector = Collectors.postgres(url, Duration.ofSeconds(5));
                Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            store.write(collector.collect(start));
            for (int i = 0; i < 3; i++) {
                s.execute("SELECT pg_sleep(1.05)"); // the seeded slow statement: a mean over 1 s
            }
            store.write(collector.collect(start.plusSeconds(60)));
            store.write(collector.collect(start.plusSeconds(120)));
            store.flush();

            History history = History.of(store, start.minusSeconds(60), start.plusSeconds(121));
            AnalysisContext context = AnalysisContext.of(history);
            List<Finding> slow = new PostgresSlowQueriesDetector().detect(context);
            String database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
            assertThat(slow).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FindingKinds.POSTGRES_SLOW_QUERIES);
                assertThat(f.subject()).containsEntry("database", database).containsKey("target");
                assertThat(f.summary()).contains("pg_sleep");
                assertThat(f.evidence().get(0).observed())
                        .as("3 calls in 181 s")
                        .isBetween(59.0, 60.0);
            });
            assertThat(new PoolExhaustedDetector().detect(context)).isEmpty();
            assertThat(new PostgresCacheDropDetector().detect(context)).isEmpty();
            assertThat(history.series("postgres.blocks.hit.total")).isNotEmpty();
            assertThat(history.series("postgres.connections.used.ratio")).isNotEmpty();
        }
    }
}
