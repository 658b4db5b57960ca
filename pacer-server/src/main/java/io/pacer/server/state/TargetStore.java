package io.pacer.server.state;

import io.pacer.server.monitor.TargetSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The targets added through the API, in table {@code pacer_target} ({@code V4__targets.sql}). */
public final class TargetStore {

    /**
     * One stored target.
     *
     * @param id its key, as the API names it ({@code DELETE /api/targets/{id}})
     * @param spec what it is
     * @param created when it was added
     */
    public record StoredTarget(long id, TargetSpec spec, Instant created) {}

    private final ServerDatabase database;

    public TargetStore(ServerDatabase database) {
        this.database = database;
    }

    /** Every stored target, oldest first. */
    public List<StoredTarget> list() {
        try (Connection c = database.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id, kind, target, created_ts FROM pacer_target ORDER BY id")) {
            List<StoredTarget> all = new ArrayList<>();
            while (r.next()) {
                all.add(new StoredTarget(
                        r.getLong(1),
                        new TargetSpec(r.getString(2), r.getString(3)),
                        Instant.ofEpochMilli(r.getLong(4))));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the targets: " + e.getMessage(), e);
        }
    }

    /** The stored target with {@code id}, if any. */
    public Optional<StoredTarget> find(long id) {
        return list().stream().filter(t -> t.id() == id).findFirst();
    }

    /**
     * Stores {@code spec}.
     *
     * @return the stored target, or empty when the same kind and target are stored already
     */
    public Optional<StoredTarget> add(TargetSpec spec, Instant now) {
        for (StoredTarget t : list()) {
            if (t.spec().equals(spec)) {
                return Optional.empty();
            }
        }
        String sql = "INSERT INTO pacer_target (kind, target, created_ts) VALUES (?, ?, ?)";
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
            s.setString(1, spec.kind());
            s.setString(2, spec.target());
            s.setLong(3, now.toEpochMilli());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return Optional.of(new StoredTarget(keys.getLong(1), spec, Instant.ofEpochMilli(now.toEpochMilli())));
            }
        } catch (SQLException e) {
            if (list().stream().anyMatch(t -> t.spec().equals(spec))) {
                return Optional.empty(); // another instance stored it a moment ago
            }
            throw new IllegalStateException("cannot store the target: " + e.getMessage(), e);
        }
    }

    /** Deletes the target {@code id}; whether there was one. */
    public boolean remove(long id) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("DELETE FROM pacer_target WHERE id = ?")) {
            s.setLong(1, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete the target: " + e.getMessage(), e);
        }
    }
}
