package io.pacer.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.Level;
import io.pacer.analysis.PostgresSeed;
import io.pacer.analysis.Synthetic;
import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.postgres.PostgresExecutors;
import io.pacer.monitor.store.Series;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import io.pacer.testing.PostgresServer.Flavour;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The index advisor on a real PostgreSQL: the seeded query's sequential scan becomes a checked CREATE INDEX proposal
 * that, applied through {@code postgres.index}, makes the planner use the index at a fraction of the cost; a database
 * read only by its keys or without a selective filter yields nothing.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(180)
class MissingIndexDetectorTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration BUDGET = Duration.ofSeconds(30);
    private static final String STATEMENT =
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS pacer_orders_customer_id_idx ON public.orders (customer_id)";

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aSelectiveSequentialScanBecomesACheckedIndexThatSpeedsTheQuery(Flavour flavour) throws Exception {
        PostgresServer server = PostgresServer.shared(flavour);
        String url = PostgresSeed.database(server);
        try (Connection c = DriverManager.getConnection(url)) {
            PostgresSeed.orders(c);
            PostgresSeed.load(c, 30);

            List<Finding> findings = new MissingIndexDetector(BUDGET).detect(context(url));

            assertThat(findings).hasSize(1);
            Finding finding = findings.get(0);
            assertThat(finding.kind()).isEqualTo(FindingKinds.POSTGRES_MISSING_INDEX);
            assertThat(finding.level()).isEqualTo(Level.WARNING);
            assertThat(finding.subject())
                    .containsEntry("table", "public.orders")
                    .containsEntry("columns", "customer_id")
                    .containsEntry(
                            "target",
                            "127.0.0.1:" + server.port() + url.substring(url.lastIndexOf('/'), url.indexOf('?')));
            assertThat(finding.summary()).contains(STATEMENT).doesNotContain("password");
            Evidence cost = finding.evidence().stream()
                    .filter(e -> e.series().equals("postgres.explain.total_cost"))
                    .findFirst()
                    .orElseThrow();
            assertThat(cost.observed()).isLessThanOrEqualTo(cost.threshold());
            assertThat(cost.note()).contains("Seq Scan on orders").contains("using pacer_orders_customer_id_idx");
            assertThat(finding.evidence())
                    .anySatisfy(e -> assertThat(e.labels()).containsKey("queryid"));
            assertThat(indexes(c)).as("the check's index was rolled back").containsExactly("orders_pkey");

            ExplainPlan before = ExplainPlan.parse(PostgresSeed.explain(c));
            assertThat(before.seqScans("public", "orders")).hasSize(1);
            double[] slow = PostgresSeed.timedRuns(c, 20);

            ActionExecutor index = PostgresExecutors.index();
            Plan plan = index.plan(
                    new ActionRequest(
                            "postgres.index",
                            url,
                            Map.of(
                                    "table",
                                    finding.subject().get("table"),
                                    "columns",
                                    finding.subject().get("columns"))),
                    Synthetic.NOW);
            assertThat(plan.changes().get(0).after()).isEqualTo(STATEMENT);
            index.apply(plan);

            ExplainPlan after = ExplainPlan.parse(PostgresSeed.explain(c));
            assertThat(after.nodeUsing("pacer_orders_customer_id_idx")).isIn("Index Scan", "Bitmap Index Scan");
            assertThat(after.seqScans("public", "orders")).isEmpty();
            assertThat(after.totalCost()).isLessThan(before.totalCost() / 20);
            double[] fast = PostgresSeed.timedRuns(c, 20);
            System.out.printf(
                    Locale.ROOT,
                    "index advisor on PostgreSQL %s: EXPLAIN cost %.1f (%s) -> %.1f (%s); median of 20 runs %.2f ms ->"
                            + " %.2f ms (min %.2f -> %.2f)%n",
                    server.version(),
                    before.totalCost(),
                    before.shape(),
                    after.totalCost(),
                    after.shape(),
                    slow[10],
                    fast[10],
                    slow[0],
                    fast[0]);

            index.revert(plan);
            assertThat(indexes(c)).containsExactly("orders_pkey");
            assertThat(ExplainPlan.parse(PostgresSeed.explain(c)).seqScans("public", "orders"))
                    .hasSize(1);
        }
    }

    @Test
    void aDatabaseReadByItsKeysOrWithoutASelectiveFilterYieldsNoIndexFinding(PostgresServer server) throws Exception {
        String url = PostgresSeed.database(server);
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            PostgresSeed.orders(c);
            for (int i = 0; i < 30; i++) {
                s.execute("SELECT amount FROM orders WHERE id = " + (i * 6151 + 1)); // its primary key
            }
            for (int i = 0; i < 12; i++) {
                s.execute("SELECT count(*), sum(amount) FROM orders WHERE status = 'closed'"); // 90 % of the rows
                s.execute("SELECT count(*) FROM orders"); // no filter at all
            }
            PostgresSeed.flush(c);
            assertThat(sequentialScans(c)).as("the table is read sequentially").isGreaterThanOrEqualTo(24);

            assertThat(new MissingIndexDetector(BUDGET).detect(context(url))).isEmpty();
            assertThat(indexes(c)).containsExactly("orders_pkey");
        }
    }

    @Test
    void aTableTheHistoryShowsNoLongerScannedInTheWindowIsLeftOut(PostgresServer server) throws Exception {
        String url = PostgresSeed.database(server);
        try (Connection c = DriverManager.getConnection(url)) {
            PostgresSeed.orders(c);
            PostgresSeed.load(c, 30);
        }
        String target = "127.0.0.1:" + server.port() + url.substring(url.lastIndexOf('/'), url.indexOf('?'));
        Map<String, String> orders = Map.of("target", target, "database", "x", "table", "public.orders");
        Series flat = Synthetic.series(
                "postgres.table.seq.scans.total", orders, WINDOW, Duration.ofSeconds(10), m -> 30); // no new scans
        AnalysisContext quietNow = new AnalysisContext(Synthetic.history(WINDOW, flat), List.of(url));
        assertThat(new MissingIndexDetector(BUDGET).detect(quietNow)).isEmpty();

        Series rising = Synthetic.series(
                "postgres.table.seq.scans.total", orders, WINDOW, Duration.ofSeconds(10), m -> Math.floor(m));
        AnalysisContext scanning = new AnalysisContext(Synthetic.history(WINDOW, rising), List.of(url));
        assertThat(new MissingIndexDetector(BUDGET).detect(scanning)).hasSize(1);
    }

    @Test
    void withoutPgStatStatementsThereIsNoAdviceAndNoFailure(PostgresServer server) throws Exception {
        String url = server.newDatabase() + "?user=" + server.user() + "&password=" + server.password();
        try (Connection c = DriverManager.getConnection(url)) {
            PostgresSeed.orders(c);
            PostgresSeed.load(c, 12);
            assertThat(new MissingIndexDetector(BUDGET).detect(context(url))).isEmpty();
        }
    }

    @Test
    void anUnreachableServerFailsTheDetectorNamingItWithoutItsPassword() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "postgresql://app:s3cret@127.0.0.1:" + port + "/shop";
        assertThatThrownBy(() -> new MissingIndexDetector(BUDGET).detect(context(url)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + port + "/shop")
                .hasMessageNotContaining("s3cret");
    }

    private static AnalysisContext context(String url) {
        return new AnalysisContext(Synthetic.history(WINDOW), List.of(url));
    }

    private static List<String> indexes(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'orders' ORDER BY 1")) {
            List<String> names = new java.util.ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names;
        }
    }

    private static long sequentialScans(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'orders'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
