package io.pacer.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.detect.ExplainPlan.Predicate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the advisor reads a filter PostgreSQL prints into index columns: equality columns first, one range last. */
class ExplainPlanTest {

    private static final Set<String> COLUMNS = Set.of("customer_id", "status", "created_at", "amount", "Region");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "(orders.customer_id = $1)|customer_id",
                "(o.customer_id = $1)|customer_id",
                "((orders.status = 'open'::text) AND (orders.customer_id = $1))|status,customer_id",
                "((orders.created_at > $1) AND (orders.customer_id = $2))|customer_id,created_at",
                "((orders.created_at > $1) AND (orders.amount < $2))|created_at",
                "(($1 = orders.customer_id))|customer_id",
                "((orders.status)::text = $1)|status",
                "(orders.customer_id = ANY ($1))|customer_id",
                "(orders.\"Region\" = 'eu'::text)|Region",
                "((orders.customer_id = $1) OR (orders.status = $2))|",
                "(orders.customer_id <> $1)|",
                "(lower(orders.note) = $1)|",
                "(orders.unknown_column = $1)|",
            })
    void filterToIndexColumns(String filter, String expected) {
        List<String> columns = ExplainPlan.indexColumns(ExplainPlan.predicates(filter, COLUMNS));
        assertThat(columns).isEqualTo(expected == null ? List.of() : List.of(expected.split(",")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"(orders.amount >= $1)|false", "(orders.amount = $1)|true"})
    void equalityIsTold(String filter, boolean equality) {
        assertThat(ExplainPlan.predicates(filter, COLUMNS)).containsExactly(new Predicate("amount", equality));
    }
}
