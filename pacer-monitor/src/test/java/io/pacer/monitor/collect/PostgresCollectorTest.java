package io.pacer.monitor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.testing.Await;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import io.pacer.testing.PostgresServer.Flavour;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The postgres collector on a real server: a seeded slow query, a table read sequentially, a lock waited for. */
@ExtendWith(PostgresExtension.class)
class PostgresCollectorTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void slowQueriesSequentialScansDeadRowsAndTheDatabaseFigures(Flavour flavour) throws Exception {
        PostgresServer server = PostgresServer.shared(flavour);
        String jdbcUrl = server.newDatabase();
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(jdbcUrl, server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, amount int)");
            s.execute("INSERT INTO orders SELECT g, g % 100 FROM generate_series(1, 10000) g");
            for (int i = 0; i < 5; i++) {
                s.execute("SELECT count(*) FROM orders WHERE amount > 50"); // no index on amount: sequential
            }
            for (int i = 0; i < 3; i++) {
                s.execute("SELECT amount FROM orders WHERE id = " + (i + 1)); // the primary key's index
            }
            s.execute("DELETE FROM orders WHERE id <= 100"); // 100 dead rows
            s.execute("SELECT pg_sleep(1.1)"); // the seeded slow query: a mean over PostgresCollector's 1 s
            s.execute("SELECT pg_stat_force_next_flush()");
        }
        String libpq = "postgresql://" + server.user() + ":" + server.password() + "@127.0.0.1:" + server.port() + "/"
                + database;
        try (Collector postgres = Collectors.postgres(libpq, Duration.ofSeconds(5))) {
            String target = "127.0.0.1:" + server.port() + "/" + database;
            assertThat(postgres.name()).isEqualTo("postgres:" + target); // no credentials
            Map<String, String> orders = Map.of("database", database, "table", "public.orders");
            List<Sample> samples = awaitSamples(
                    postgres,
                    "the table's statistics",
                    now -> has(now, "postgres.table.seq.scans.total", orders, 5)
                            && has(now, "postgres.table.rows.dead", orders, 100));
            assertThat(value(samples, "postgres.table.seq.scans.total", orders)).isGreaterThanOrEqualTo(5);
            assertThat(value(samples, "postgres.table.index.scans.total", orders))
                    .isGreaterThanOrEqualTo(3);
            assertThat(value(samples, "postgres.table.rows.live", orders)).isEqualTo(9900);
            assertThat(value(samples, "postgres.table.rows.dead", orders)).isEqualTo(100);

            assertThat(value(samples, "postgres.statements.available", Map.of("database", database)))
                    .isEqualTo(1);
            Sample slow = samples.stream()
                    .filter(x -> x.name().equals("postgres.statement.mean.seconds")
                            && x.labels().get("query").contains("pg_sleep"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no pg_sleep statement in " + samples));
            assertThat(slow.value()).isBetween(1.1, 30.0);
            assertThat(slow.labels()).containsKeys("queryid", "database");

            Map<String, String> db = Map.of("database", database);
            assertThat(value(samples, "postgres.cache.hit.ratio", db)).isBetween(0.0, 1.0);
            assertThat(value(samples, "postgres.transactions.committed.total", db))
                    .isPositive();
            assertThat(value(samples, "postgres.deadlocks.total", db)).isZero();
            assertThat(value(samples, "postgres.database.connections", db)).isGreaterThanOrEqualTo(1); // ours
            assertThat(value(samples, "postgres.connections", Map.of())).isGreaterThanOrEqualTo(1);
            assertThat(value(samples, "postgres.connections.max", Map.of())).isEqualTo(maxConnections(server));
            assertThat(value(samples, "postgres.connections.used.ratio", Map.of()))
                    .isBetween(0.0, 1.0);
            assertThat(value(samples, "postgres.locks.waiting", Map.of())).isZero();
            assertThat(samples).allSatisfy(x -> assertThat(x.labels()).containsEntry("target", target));

            assertThat(value(samples, "postgres.slow_queries.total", db)).isEqualTo(1);
            assertThat(samples).noneMatch(x -> x.name().equals("postgres.slow_queries.per_hour")); // one reading
            assertThat(value(postgres.collect(NOW.plusSeconds(60)), "postgres.slow_queries.per_hour", db))
                    .isZero();
            try (Connection c = DriverManager.getConnection(jdbcUrl, server.user(), server.password());
                    Statement s = c.createStatement()) {
                s.execute("SELECT pg_sleep(1.1)");
            }
            List<Sample> later = postgres.collect(NOW.plusSeconds(120));
            assertThat(value(later, "postgres.slow_queries.total", db)).isEqualTo(2);
            assertThat(value(later, "postgres.slow_queries.per_hour", db)).isEqualTo(60); // 1 call in 1 minute
        }
    }

    @Test
    void withoutPgStatStatementsItSaysSoAndCollectsTheRest(PostgresServer server) throws Exception {
        String jdbcUrl = server.newDatabase();
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        String url = jdbcUrl + "?user=" + server.user() + "&password=" + server.password();
        try (Collector postgres = Collectors.postgres(url, Duration.ofSeconds(5))) {
            assertThat(postgres.name()).isEqualTo("postgres:127.0.0.1:" + server.port() + "/" + database);
            List<Sample> samples = postgres.collect(NOW);
            assertThat(value(samples, "postgres.statements.available", Map.of("database", database)))
                    .isZero();
            assertThat(samples).noneMatch(x -> x.name().startsWith("postgres.statement."));
            assertThat(samples).anyMatch(x -> x.name().equals("postgres.cache.hit.ratio"));
        }
        try (CollectorRunner runner =
                CollectorRunner.start(List.of(Collectors.postgres(url, Duration.ofSeconds(5))), samples -> {})) {
            String name = runner.health().get(0).name();
            Await.until(WAIT, "a collection", () -> runner.health(name).state() == CollectorHealth.State.UP);
            assertThat(runner.health(name).notes())
                    .containsExactly("no slow-query statistics: the extension pg_stat_statements is not installed in"
                            + " database " + database
                            + " (CREATE EXTENSION pg_stat_statements; it also needs shared_preload_libraries)");
        }
    }

    @Test
    void aWaitingLockIsSeen(PostgresServer server) throws Exception {
        String jdbcUrl = server.newDatabase();
        try (Connection holder = DriverManager.getConnection(jdbcUrl, server.user(), server.password());
                Statement s = holder.createStatement();
                Collector postgres = Collectors.postgres(
                        jdbcUrl + "?user=" + server.user() + "&password=" + server.password(), Duration.ofSeconds(5))) {
            s.execute("CREATE TABLE account (id int PRIMARY KEY, balance int)");
            s.execute("INSERT INTO account VALUES (1, 100)");
            holder.setAutoCommit(false);
            s.execute("UPDATE account SET balance = 0 WHERE id = 1");
            CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> {
                try (Connection c = DriverManager.getConnection(jdbcUrl, server.user(), server.password());
                        Statement w = c.createStatement()) {
                    w.execute("SET statement_timeout = '30s'");
                    return w.executeUpdate("UPDATE account SET balance = 1 WHERE id = 1");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                List<Sample> samples = awaitSamples(
                        postgres, "a waiting lock", now -> has(now, "postgres.locks.waiting", Map.of(), 1));
                assertThat(value(samples, "postgres.locks.wait.max.seconds", Map.of()))
                        .isPositive();
            } finally {
                holder.rollback();
            }
            assertThat(waiter.get()).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableServerFailsWithTheReason() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (Collector postgres =
                Collectors.postgres("jdbc:postgresql://127.0.0.1:" + port + "/app", Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> postgres.collect(NOW))
                    .isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("postgres 127.0.0.1:" + port + "/app: ")
                    .hasMessageContaining("Connection to 127.0.0.1:" + port + " refused");
        }
    }

    private interface Check {
        boolean holds(List<Sample> samples);
    }

    private static List<Sample> awaitSamples(Collector collector, String what, Check check) {
        Object[] last = new Object[1];
        Await.until(WAIT, what, () -> {
            List<Sample> samples = collector.collect(NOW);
            last[0] = samples;
            return check.holds(samples);
        });
        @SuppressWarnings("unchecked")
        List<Sample> samples = (List<Sample>) last[0];
        return samples;
    }

    private static boolean has(List<Sample> samples, String name, Map<String, String> labels, double atLeast) {
        return samples.stream()
                .anyMatch(s -> s.name().equals(name)
                        && s.labels().entrySet().containsAll(labels.entrySet())
                        && s.value() >= atLeast);
    }

    private static int maxConnections(PostgresServer server) throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement();
                var r = s.executeQuery("SHOW max_connections")) {
            r.next();
            return Integer.parseInt(r.getString(1));
        }
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        assertThat(matching).as(name + labels).hasSize(1);
        return matching.get(0).value();
    }
}
