package io.pacer.server.runs;

import io.pacer.internal.Json;
import io.pacer.server.state.ServerDatabase;
import io.pacer.verdict.ResultFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The uploaded runs in the state database (table {@code pacer_run}). */
final class RunStore {

    private final ServerDatabase database;

    RunStore(ServerDatabase database) {
        this.database = database;
    }

    /** Keeps {@code result} (as the JSON text {@code json} it was read from) as {@code name}, uploaded at {@code now}. */
    RunSummary add(ResultFile result, String json, String name, Instant now) {
        RunSummary summary = RunSummary.of(result, name, now);
        String sql = "INSERT INTO pacer_run (kind, name, subject, verdict, started_ts, uploaded_ts, summary, result)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
            s.setString(1, summary.kind());
            s.setString(2, summary.name());
            s.setString(3, summary.subject());
            s.setString(4, summary.verdict());
            if (summary.startedAt() == null) {
                s.setNull(5, Types.BIGINT);
            } else {
                s.setLong(5, summary.startedAt().toEpochMilli());
            }
            s.setLong(6, now.toEpochMilli());
            s.setString(7, Json.documentWriter().writeValueAsString(summary));
            s.setString(8, json);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return summary.withId(keys.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the run: " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The newest runs first, at most {@code limit}, with ids below {@code before} (null: from the newest), filtered by
     * name and verdict when given.
     */
    List<RunSummary> list(String name, String verdict, Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, summary FROM pacer_run WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (name != null) {
            sql.append(" AND name = ?");
            args.add(name);
        }
        if (verdict != null) {
            sql.append(" AND verdict = ?");
            args.add(verdict);
        }
        if (before != null) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<RunSummary> runs = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    runs.add(summary(r.getLong(1), r.getString(2)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the runs: " + e, e);
        }
    }

    /** The run {@code id}, with its result. */
    Optional<StoredRun> get(long id) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT summary, result FROM pacer_run WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new StoredRun(summary(id, r.getString(1)), r.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read run " + id + ": " + e, e);
        }
    }

    /** How many runs are kept. */
    long count() {
        try (Connection c = database.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM pacer_run")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the runs: " + e, e);
        }
    }

    private static RunSummary summary(long id, String json) {
        try {
            return Json.documentReader()
                    .forType(RunSummary.class)
                    .<RunSummary>readValue(json)
                    .withId(id);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + id + " has an unreadable summary: " + e.getMessage(), e);
        }
    }
}
