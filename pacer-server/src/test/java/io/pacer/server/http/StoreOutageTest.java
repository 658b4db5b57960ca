package io.pacer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which failures are "the database cannot be reached" (503) and which are bugs or bad input (not). */
class StoreOutageTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        "pool timed out", wrapped(new SQLTransientConnectionException("pool - not available")), true),
                Arguments.of("connection refused", wrapped(new SQLException("refused", "08001")), true),
                Arguments.of("connection lost", wrapped(new SQLException("I/O error", "08006")), true),
                Arguments.of("admin shutdown", wrapped(new SQLException("terminating", "57P01")), true),
                Arguments.of("starting up", wrapped(new SQLException("starting", "57P03")), true),
                Arguments.of(
                        "socket under the driver",
                        wrapped(new SQLException("x", null, new ConnectException("refused"))),
                        true),
                Arguments.of("syntax error", wrapped(new SQLException("syntax", "42601")), false),
                Arguments.of("unique violation", wrapped(new SQLException("dup", "23505")), false),
                Arguments.of("socket without SQL", new UncheckedIOException(new ConnectException("webhook")), false),
                Arguments.of("a bug", new NullPointerException("x"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void tellsAnOutageFromOtherFailures(String what, Throwable failure, boolean outage) {
        assertThat(StoreOutage.isOutage(failure)).isEqualTo(outage);
    }

    private static RuntimeException wrapped(SQLException e) {
        return new IllegalStateException("could not list the runs: " + e, e);
    }
}
