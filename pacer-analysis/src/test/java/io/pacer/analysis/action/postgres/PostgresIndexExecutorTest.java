package io.pacer.analysis.action.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.analysis.PostgresSeed;
import io.pacer.analysis.Synthetic;
import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.StalePlanException;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code postgres.index} on a real PostgreSQL: the exact statement as the dry run, stale plans refused, revert. */
@ExtendWith(PostgresExtension.class)
@Timeout(120)
class PostgresIndexExecutorTest {

    private final ActionExecutor index = PostgresExecutors.index();

    @Test
    void planShowsTheExactStatementApplyRunsItRevertDropsIt(PostgresServer server) throws Exception {
        String url = PostgresSeed.database(server);
        try (Connection c = DriverManager.getConnection(url)) {
            PostgresSeed.orders(c);
            ActionRequest request = request(url, "orders", "status, customer_id", "-42");
            Plan plan = index.plan(request, Synthetic.NOW);

            String statement = "CREATE INDEX CONCURRENTLY IF NOT EXISTS pacer_orders_status_customer_id_idx"
                    + " ON public.orders (status, customer_id)";
            assertThat(plan.changes())
                    .containsExactly(new Change("index public.orders (status, customer_id)", null, statement));
            assertThat(plan.summary())
                    .startsWith(statement)
                    .contains("DROP INDEX CONCURRENTLY IF EXISTS public.pacer_orders_status_customer_id_idx")
                    .doesNotContain("password");
            assertThat(plan.safe()).isFalse();
            assertThat(plan.verification().series()).isEqualTo("postgres.statement.mean.seconds");
            assertThat(plan.verification().labels()).containsEntry("queryid", "-42");
            assertThat(plan.verification().higherIsBetter()).isFalse();
            assertThat(index.plan(request, Synthetic.NOW).id())
                    .as("same state, same plan")
                    .isEqualTo(plan.id());
            assertThat(indexes(c)).containsExactly("orders_pkey");

            index.apply(plan);
            assertThat(indexes(c)).containsExactly("orders_pkey", "pacer_orders_status_customer_id_idx");
            assertThat(valid(c, "pacer_orders_status_customer_id_idx")).isTrue();
            assertThatThrownBy(() -> index.plan(request, Synthetic.NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("already indexed")
                    .hasMessageContaining("public.pacer_orders_status_customer_id_idx");

            index.revert(plan);
            assertThat(indexes(c)).containsExactly("orders_pkey");
            index.revert(plan); // reverting twice is harmless: IF EXISTS
        }
    }

    @Test
    void anIndexThatAppearedSinceThePlanMakesItStale(PostgresServer server) throws Exception {
        String url = PostgresSeed.database(server);
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            PostgresSeed.orders(c);
            Plan plan = index.plan(request(url, "public.orders", "customer_id", null), Synthetic.NOW);
            assertThat(plan.verification()).isNull();

            s.execute("CREATE INDEX orders_by_customer ON orders (customer_id, amount)");
            assertThatThrownBy(() -> index.apply(plan))
                    .isInstanceOf(StalePlanException.class)
                    .hasMessageContaining("public.orders_by_customer")
                    .hasMessageContaining("plan again");
            assertThat(indexes(c)).containsExactly("orders_by_customer", "orders_pkey");

            s.execute("DROP INDEX orders_by_customer");
            Plan again = index.plan(request(url, "public.orders", "customer_id", null), Synthetic.NOW);
            index.apply(again);
            assertThatThrownBy(() -> index.apply(again))
                    .as("applied twice: the index appeared since the plan")
                    .isInstanceOf(StalePlanException.class)
                    .hasMessageContaining("pacer_orders_customer_id_idx");
            index.revert(again);
            assertThat(indexes(c)).containsExactly("orders_pkey");
        }
    }

    @Test
    void badRequestsAreRefusedNamingWhatIsWrong(PostgresServer server) throws Exception {
        String url = PostgresSeed.database(server);
        try (Connection c = DriverManager.getConnection(url)) {
            PostgresSeed.orders(c);
        }
        assertThatThrownBy(() -> index.plan(request(url, "invoices", "id", null), Synthetic.NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no table invoices");
        assertThatThrownBy(() -> index.plan(request(url, "orders", "customer, status", null), Synthetic.NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no customer")
                .hasMessageContaining("its columns are id, customer_id, status, amount");
        assertThatThrownBy(() -> index.plan(
                        new ActionRequest("postgres.index", url, Map.of("table", "orders", "column", "id")),
                        Synthetic.NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("postgres.index has no parameter column; it takes columns, queryid, table");
        assertThatThrownBy(() -> index.plan(
                        new ActionRequest("postgres.index", "mysql://db/app?password=hunter2", Map.of()),
                        Synthetic.NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PostgreSQL URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void longNamesAndQuotedIdentifiersStayValid() {
        IndexProposal odd = new IndexProposal("Sales", "Order Lines", List.of("user", "customer_id"));
        assertThat(odd.createStatement())
                .isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS pacer_order_lines_user_customer_id_idx"
                        + " ON \"Sales\".\"Order Lines\" (\"user\", customer_id)");
        IndexProposal wide = new IndexProposal(
                "public", "customer_order_history_entries", List.of("customer_identifier", "created_timestamp_utc"));
        assertThat(wide.name())
                .hasSizeLessThanOrEqualTo(IndexProposal.MAX_NAME_BYTES)
                .startsWith("pacer_customer_");
        assertThat(wide.name()).matches("pacer_[a-z0-9_]+_[0-9a-f]{8}_idx");
    }

    private static ActionRequest request(String url, String table, String columns, String queryId) {
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("table", table, "columns", columns));
        if (queryId != null) {
            parameters.put("queryid", queryId);
        }
        return new ActionRequest("postgres.index", url, parameters);
    }

    private static List<String> indexes(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'orders' ORDER BY 1")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    private static boolean valid(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT indisvalid FROM pg_index WHERE indexrelid = '" + name + "'::regclass")) {
            r.next();
            return r.getBoolean(1);
        }
    }
}
