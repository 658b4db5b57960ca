package io.pacer.server.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.analysis.action.ActionLog;
import io.pacer.analysis.action.ActionRecord;
import io.pacer.analysis.action.ActionStatus;
import io.pacer.analysis.action.Plan;
import io.pacer.internal.Check;
import io.pacer.internal.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The actions' history in table {@code pacer_action} ({@code V5__actions.sql}): one row per action, replaced as it
 * moves (scheduled, verifying, kept or reverted). The plan and the record are JSON text written with
 * {@link Json}; they are read back ignoring fields this version does not know, so a row written by a newer Pacer
 * still reads.
 */
public final class JdbcActionLog implements ActionLog {

    private static final String COLUMNS = "plan, record";
    private static final String UPSERT = "INSERT INTO pacer_action (id, kind, status, requested_by, created_ts,"
            + " scheduled_ts, applied_ts, reverted_ts, verdict, plan, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, status = excluded.status,"
            + " requested_by = excluded.requested_by, created_ts = excluded.created_ts,"
            + " scheduled_ts = excluded.scheduled_ts, applied_ts = excluded.applied_ts,"
            + " reverted_ts = excluded.reverted_ts, verdict = excluded.verdict, plan = excluded.plan,"
            + " record = excluded.record";

    private final ServerDatabase database;

    public JdbcActionLog(ServerDatabase database) {
        this.database = database;
    }

    @Override
    public void save(ActionRecord record) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(UPSERT)) {
            s.setString(1, record.id());
            s.setString(2, record.plan().request().kind());
            s.setString(3, record.status().json());
            s.setString(4, record.requestedBy());
            s.setLong(5, record.createdAt().toEpochMilli());
            s.setLong(6, record.scheduledFor().toEpochMilli());
            setInstant(s, 7, record.appliedAt());
            setInstant(s, 8, record.revertedAt());
            s.setString(9, record.verdict());
            s.setString(10, Json.valueWriter(Plan.class).writeValueAsString(record.plan()));
            s.setString(11, withoutPlan(record));
            s.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot save action " + record.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ActionRecord> find(String id) {
        List<ActionRecord> found = select("SELECT " + COLUMNS + " FROM pacer_action WHERE id = ?", List.of(id));
        return found.stream().findFirst();
    }

    @Override
    public List<ActionRecord> recent(int limit) {
        Check.range("history limit", limit, 1, 100_000);
        return select(
                "SELECT " + COLUMNS + " FROM pacer_action ORDER BY created_ts DESC, id DESC LIMIT " + limit, List.of());
    }

    @Override
    public List<ActionRecord> withStatus(Set<ActionStatus> statuses) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        List<Object> values = new ArrayList<>();
        statuses.forEach(status -> values.add(status.json()));
        String marks = String.join(", ", Collections.nCopies(values.size(), "?"));
        return select(
                "SELECT " + COLUMNS + " FROM pacer_action WHERE status IN (" + marks + ") ORDER BY created_ts, id",
                values);
    }

    private List<ActionRecord> select(String sql, List<?> parameters) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            List<ActionRecord> records = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    records.add(read(r.getString(1), r.getString(2)));
                }
            }
            return records;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the actions' history: " + e.getMessage(), e);
        }
    }

    private static String withoutPlan(ActionRecord record) throws JsonProcessingException {
        ObjectNode tree = (ObjectNode) Json.documentReader()
                .readTree(Json.valueWriter(ActionRecord.class).writeValueAsString(record));
        tree.remove("plan");
        return tree.toString();
    }

    private static ActionRecord read(String plan, String record) throws JsonProcessingException {
        ObjectNode tree = (ObjectNode) Json.documentReader().readTree(record);
        JsonNode planTree = Json.documentReader().readTree(plan);
        tree.set("plan", planTree);
        return Json.documentReader().treeToValue(tree, ActionRecord.class);
    }

    private static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value.toEpochMilli());
        }
    }
}
