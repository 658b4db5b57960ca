package io.pacer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.testing.PostgresServer.Flavour;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(PostgresExtension.class)
class PostgresServerTest {

    @Test
    void theDefaultParameterIsTheNewestAndDebiansIs15(
            PostgresServer newest, @PostgresExtension.Use(Flavour.DEBIAN_15) PostgresServer debian) {
        assertThat(newest.flavour()).isEqualTo(Flavour.EMBEDDED);
        assertThat(newest.majorVersion()).isGreaterThanOrEqualTo(17);
        assertThat(debian.majorVersion()).isEqualTo(15);
        assertThat(newest.port()).isNotEqualTo(debian.port());
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void pgStatStatementsIsPreloaded(Flavour flavour) throws SQLException {
        PostgresServer server = PostgresServer.shared(flavour);
        String url = server.newDatabase();
        try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
            s.execute("SELECT 42");
            try (ResultSet r = s.executeQuery("SELECT sum(calls) FROM pg_stat_statements WHERE query = 'SELECT $1'"
                    + " AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void stopAndStartKeepPortAndData(Flavour flavour) throws SQLException {
        PostgresServer server = PostgresServer.shared(flavour);
        String url = server.newDatabase();
        int port = server.port();
        try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v int)");
            s.execute("INSERT INTO kept VALUES (7)");
        }
        server.stop();
        try {
            assertThat(server.running()).isFalse();
            assertThatThrownBy(() -> DriverManager.getConnection(url, server.user(), server.password()))
                    .isInstanceOf(SQLException.class);
        } finally {
            server.start();
        }
        assertThat(server.port()).isEqualTo(port);
        try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT v FROM kept")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(7);
        }
    }
}
