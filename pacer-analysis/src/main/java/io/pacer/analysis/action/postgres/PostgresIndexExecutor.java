package io.pacer.analysis.action.postgres;

import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.StalePlanException;
import io.pacer.analysis.action.Verification;
import io.pacer.internal.Check;
import io.pacer.monitor.collect.PostgresTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code postgres.index}: builds an index with {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS} under a Pacer name
 * (writes go on while it builds), and reverts with {@code DROP INDEX CONCURRENTLY IF EXISTS}. The plan shows the
 * exact statement; apply refuses when the index, or another on the same leading columns, appeared since. A build
 * that fails leaves an invalid index behind in PostgreSQL — apply drops it before reporting the failure.
 */
final class PostgresIndexExecutor implements ActionExecutor {

    static final String KIND = "postgres.index";
    private static final Set<String> REQUIRED = Set.of("table", "columns");
    /** Optional: the {@code pg_stat_statements} query id whose mean time verifies the index. */
    private static final Set<String> OPTIONAL = Set.of("queryid");

    private final Duration checkTimeout;
    private final Duration buildTimeout;

    PostgresIndexExecutor(Duration checkTimeout, Duration buildTimeout) {
        Check.duration("postgres check timeout", checkTimeout, Duration.ofMillis(100), Duration.ofMinutes(10));
        Check.duration("postgres index build timeout", buildTimeout, Duration.ofSeconds(1), Duration.ofDays(1));
        this.checkTimeout = checkTimeout;
        this.buildTimeout = buildTimeout;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Plan plan(ActionRequest request, Instant now) {
        PostgresTarget target = PostgresActions.target(request);
        PostgresActions.parameters(request, REQUIRED, OPTIONAL);
        try (Connection c = PostgresActions.connect(target, checkTimeout)) {
            IndexProposal proposal = proposal(c, request, target);
            Optional<String> existing = proposal.existingIndex(c);
            if (existing.isPresent()) {
                throw new IllegalArgumentException(proposal.qualifiedTable() + " is already indexed on "
                        + proposal.columnList() + " by " + existing.get() + " in " + target.display()
                        + ": nothing to create");
            }
            List<Change> changes = List.of(new Change(proposal.setting(), null, proposal.createStatement()));
            String summary = proposal.createStatement() + " on " + target.display()
                    + " — builds without blocking writes; revert runs " + proposal.dropStatement();
            String queryId = request.parameters().get("queryid");
            Verification verification = queryId == null
                    ? null
                    : new Verification(
                            "postgres.statement.mean.seconds",
                            Map.of("target", target.display(), "queryid", queryId),
                            false,
                            Verification.DEFAULT_WINDOW,
                            Verification.DEFAULT_TOLERANCE);
            return new Plan(
                    PostgresActions.planId(request, target, changes),
                    request,
                    summary,
                    changes,
                    false,
                    verification,
                    now);
        } catch (SQLException e) {
            throw PostgresActions.unreachable(target, e);
        }
    }

    @Override
    public void apply(Plan plan) {
        PostgresTarget target = PostgresActions.target(plan.request());
        IndexProposal proposal;
        try (Connection c = PostgresActions.connect(target, checkTimeout)) {
            proposal = proposal(c, plan.request(), target);
            String planned = plan.changes().get(0).after();
            if (!proposal.createStatement().equals(planned)) {
                throw new StalePlanException("the plan's statement '" + planned + "' is no longer what " + KIND
                        + " would run ('" + proposal.createStatement() + "'); plan again");
            }
            Optional<String> existing = proposal.existingIndex(c);
            if (existing.isPresent()) {
                throw new StalePlanException(proposal.setting() + " was absent when planned, but " + existing.get()
                        + " now indexes " + proposal.columnList() + "; plan again");
            }
        } catch (IllegalArgumentException e) {
            throw new StalePlanException("the table or its columns changed since the plan: " + e.getMessage());
        } catch (SQLException e) {
            throw PostgresActions.unreachable(target, e);
        }
        try (Connection c = PostgresActions.connect(target, buildTimeout);
                Statement s = c.createStatement()) {
            try {
                s.execute(proposal.createStatement());
            } catch (SQLException e) {
                String cleanup = dropInvalid(s, proposal);
                throw new IllegalStateException(
                        "postgres " + target.display() + ": " + proposal.createStatement() + " failed: "
                                + e.getMessage() + cleanup,
                        e);
            }
        } catch (SQLException e) {
            throw PostgresActions.unreachable(target, e);
        }
    }

    @Override
    public void revert(Plan plan) {
        PostgresTarget target = PostgresActions.target(plan.request());
        IndexProposal proposal = proposal(plan.request());
        try (Connection c = PostgresActions.connect(target, buildTimeout);
                Statement s = c.createStatement()) {
            s.execute(proposal.dropStatement());
        } catch (SQLException e) {
            throw PostgresActions.unreachable(target, e);
        }
    }

    /** The proposal as the request words it, before the table is looked up (revert needs no lookup). */
    private static IndexProposal proposal(ActionRequest request) {
        String table = request.parameters().get("table").strip();
        int dot = table.lastIndexOf('.');
        List<String> columns = Arrays.stream(request.parameters().get("columns").split(","))
                .map(String::strip)
                .toList();
        return dot < 0
                ? new IndexProposal("public", table, columns)
                : new IndexProposal(table.substring(0, dot), table.substring(dot + 1), columns);
    }

    /** The proposal with the table resolved as PostgreSQL resolves it; its columns checked. */
    private static IndexProposal proposal(Connection c, ActionRequest request, PostgresTarget target)
            throws SQLException {
        IndexProposal asked = proposal(request);
        String table = request.parameters().get("table").strip();
        String schema;
        String name;
        try (PreparedStatement p = c.prepareStatement("SELECT n.nspname, t.relname FROM pg_class t"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.oid = to_regclass(?)"
                + " AND t.relkind IN ('r', 'p', 'm')")) {
            p.setString(1, table.contains(".") ? table : asked.qualifiedTable());
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalArgumentException(
                            KIND + " parameter table: no table " + table + " in " + target.display());
                }
                schema = r.getString(1);
                name = r.getString(2);
            }
        }
        IndexProposal resolved = new IndexProposal(schema, name, asked.columns());
        List<String> known = columns(c, resolved);
        List<String> missing = new ArrayList<>(asked.columns());
        missing.removeAll(known);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(KIND + " parameter columns: " + resolved.qualifiedTable() + " has no "
                    + String.join(", ", missing) + "; its columns are " + String.join(", ", known));
        }
        return resolved;
    }

    private static List<String> columns(Connection c, IndexProposal table) throws SQLException {
        List<String> known = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass"
                + " AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            p.setString(1, table.qualifiedTable());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    known.add(r.getString(1));
                }
            }
        }
        return known;
    }

    /** After a failed build: drops the invalid index CONCURRENTLY left, and says so (or why it could not). */
    private static String dropInvalid(Statement s, IndexProposal proposal) {
        try (ResultSet r = s.executeQuery("SELECT NOT x.indisvalid FROM pg_index x WHERE x.indexrelid = to_regclass('"
                + proposal.qualifiedName().replace("'", "''") + "')")) {
            if (!r.next() || !r.getBoolean(1)) {
                return "";
            }
        } catch (SQLException e) {
            return "; could not check for an invalid index " + proposal.name() + " left behind: " + e.getMessage();
        }
        try {
            s.execute(proposal.dropStatement());
            return "; the invalid index it left was dropped";
        } catch (SQLException e) {
            return "; the invalid index " + proposal.qualifiedName() + " it left could not be dropped ("
                    + e.getMessage() + "): run " + proposal.dropStatement();
        }
    }
}
