package io.pacer.analysis.action.postgres;

import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.Change;
import io.pacer.monitor.collect.PostgresTarget;
import io.pacer.monitor.collect.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What both PostgreSQL executors do alike: read the target and the parameters, connect bounded in time, name plans. */
final class PostgresActions {

    private PostgresActions() {}

    /** The request's target; a bad URL is an {@link IllegalArgumentException} with its secrets masked. */
    static PostgresTarget target(ActionRequest request) {
        return PostgresTarget.parse(request.kind() + " target", request.target());
    }

    /**
     * Checks the request names every required parameter and nothing unknown.
     *
     * @throws IllegalArgumentException naming what is missing or unknown and what is allowed
     */
    static void parameters(ActionRequest request, Set<String> required, Set<String> optional) {
        Set<String> allowed = new TreeSet<>(required);
        allowed.addAll(optional);
        Set<String> unknown = new TreeSet<>(request.parameters().keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(request.kind() + " has no parameter " + String.join(", ", unknown)
                    + "; it takes " + String.join(", ", allowed));
        }
        for (String name : new TreeSet<>(required)) {
            String value = request.parameters().get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(
                        request.kind() + " needs the parameter " + name + "; it takes " + String.join(", ", allowed));
            }
        }
    }

    /** A connection whose every statement is bounded by {@code timeout} (PostgreSQL's {@code statement_timeout}). */
    static Connection connect(PostgresTarget target, Duration timeout) {
        try {
            Connection c = target.connect(timeout.plusSeconds(5), "pacer-actions");
            try (Statement s = c.createStatement()) {
                s.execute("SET statement_timeout = " + timeout.toMillis());
            }
            return c;
        } catch (SQLException e) {
            throw unreachable(target, e);
        }
    }

    /** The executors' one way of saying the server could not be reached or failed, its secrets masked. */
    static IllegalStateException unreachable(PostgresTarget target, SQLException e) {
        return new IllegalStateException("postgres " + target.display() + ": " + Secrets.masked(e.getMessage()), e);
    }

    /** A digest of the request (its target as displayed, never its secrets) and the changes. */
    static String planId(ActionRequest request, PostgresTarget target, List<Change> changes) {
        StringBuilder text = new StringBuilder(request.kind())
                .append('\n')
                .append(target.display())
                .append('\n')
                .append(request.parameters());
        changes.forEach(c -> text.append('\n')
                .append(c.setting())
                .append('\u0000')
                .append(c.before())
                .append('\u0000')
                .append(c.after()));
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
