package io.pacer.server.runs;

import io.pacer.server.state.ServerDatabase;
import io.pacer.verdict.ResultFile;
import io.pacer.verdict.baseline.BaselineStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Baselines in the state database (table {@code pacer_baseline}), one row per name: so that every instance sharing
 * the database compares with the same "main", and a backup carries them. A save is one statement, so a baseline is
 * all there or not there.
 */
final class DatabaseBaselineStorage implements BaselineStorage {

    private final ServerDatabase database;
    private final Clock clock;

    DatabaseBaselineStorage(ServerDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public String location() {
        return "the service's database";
    }

    @Override
    public String howToSave() {
        return "POST /api/baselines {\"name\": NAME, \"run\": RUN_ID}";
    }

    @Override
    public List<String> names() {
        try (Connection c = database.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT name FROM pacer_baseline")) {
            List<String> names = new ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw failed("list the baselines", e);
        }
    }

    @Override
    public boolean exists(String name) {
        return column(name, "name") != null;
    }

    @Override
    public String descriptionSource(String name) {
        return "baseline '" + name + "' in " + location();
    }

    @Override
    public byte[] readDescription(String name) throws IOException {
        String description = column(name, "description");
        if (description == null) {
            throw new IOException("no baseline '" + name + "'");
        }
        return description.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ResultFile readResult(String name) {
        String result = column(name, "result");
        if (result == null) {
            throw new IllegalArgumentException(descriptionSource(name) + ": no such baseline");
        }
        return ResultFile.read(Path.of("baseline-" + name + ".json"), result.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean write(String name, byte[] description, byte[] result, boolean replace) {
        String sql = "INSERT INTO pacer_baseline (name, description, result, saved_ts) VALUES (?, ?, ?, ?)"
                + (replace
                        ? " ON CONFLICT (name) DO UPDATE SET description = excluded.description,"
                                + " result = excluded.result, saved_ts = excluded.saved_ts"
                        : " ON CONFLICT (name) DO NOTHING");
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            s.setString(2, new String(description, StandardCharsets.UTF_8));
            s.setString(3, new String(result, StandardCharsets.UTF_8));
            s.setLong(4, clock.millis());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failed("save baseline '" + name + "'", e);
        }
    }

    @Override
    public void delete(String name) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("DELETE FROM pacer_baseline WHERE name = ?")) {
            s.setString(1, name);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("delete baseline '" + name + "'", e);
        }
    }

    private String column(String name, String column) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM pacer_baseline WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw failed("read baseline '" + name + "'", e);
        }
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("could not " + what + ": " + e, e);
    }
}
