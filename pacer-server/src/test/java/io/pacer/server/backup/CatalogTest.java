package io.pacer.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How columns are carried, by the types sqlite-jdbc and the PostgreSQL driver report (as read from both). */
class CatalogTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        // sqlite-jdbc: a BLOB is reported as VARCHAR and a BOOLEAN as INTEGER; the declared name decides
        "BIGINT, " + Types.INTEGER + ", integer",
        "INTEGER, " + Types.INTEGER + ", integer",
        "DOUBLE PRECISION, " + Types.FLOAT + ", real",
        "VARCHAR(255), " + Types.VARCHAR + ", text",
        "TEXT, " + Types.VARCHAR + ", text",
        "BOOLEAN, " + Types.INTEGER + ", boolean",
        "BLOB, " + Types.VARCHAR + ", binary",
        // PostgreSQL
        "int8, " + Types.BIGINT + ", integer",
        "float8, " + Types.DOUBLE + ", real",
        "varchar, " + Types.VARCHAR + ", text",
        "bool, " + Types.BIT + ", boolean",
        "bytea, " + Types.BINARY + ", binary",
    })
    void columnsAreCarriedByTheirDeclaredTypeFirst(String typeName, int jdbcType, String kind) {
        assertThat(Catalog.kind("t", "c", jdbcType, typeName)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"TIMESTAMP, " + Types.VARCHAR, "timestamptz, " + Types.TIMESTAMP, "uuid, " + Types.OTHER})
    void aTypeThatDoesNotTravelIsRefusedByName(String typeName, int jdbcType) {
        assertThatThrownBy(() -> Catalog.kind("pacer_x", "at", jdbcType, typeName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("column pacer_x.at is of type " + typeName)
                .hasMessageContaining("epoch milliseconds");
    }
}
