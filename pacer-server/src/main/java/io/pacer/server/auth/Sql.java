package io.pacer.server.auth;

import io.pacer.server.http.ApiException;
import io.pacer.server.state.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC over the state database for the account and audit tables: a statement, its arguments, rows mapped. A
 * database that does not answer becomes a 503 problem; a unique-constraint violation an {@link IllegalStateException}
 * the caller turns into a 409.
 */
final class Sql {

    private final ServerDatabase database;

    Sql(ServerDatabase database) {
        this.database = database;
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw ApiException.unavailable("the state database did not answer: " + e.getMessage());
        }
    }

    interface Work {
        void run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    void transaction(Work work) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw ApiException.unavailable("the state database did not answer: " + e.getMessage());
        }
    }

    /** Runs one statement on {@code c} with {@code args}; the rows it changed. */
    static int execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps.executeUpdate();
        }
    }

    int update(String sql, Object... args) {
        try (Connection c = database.connection()) {
            return execute(c, sql, args);
        } catch (SQLException e) {
            if (e.getMessage() != null
                    && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("unique")) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            throw ApiException.unavailable("the state database did not answer: " + e.getMessage());
        }
    }
}
