package io.pacer.analysis.action.postgres;

import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.StalePlanException;
import io.pacer.internal.Check;
import io.pacer.monitor.collect.PostgresTarget;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code postgres.setting}: {@code ALTER SYSTEM SET} and {@code SELECT pg_reload_conf()} for a setting that takes
 * effect on reload ({@code pg_settings.context} {@code sighup}, {@code superuser} or {@code user}); a setting that
 * needs a restart ({@code postmaster}) or cannot change in running sessions is refused, naming why. The plan shows
 * the value now and after, and the {@code postgresql.auto.conf} entry before and after; revert writes the entry back,
 * or {@code ALTER SYSTEM RESET} when there was none, and reloads.
 */
final class PostgresSettingExecutor implements ActionExecutor {

    static final String KIND = "postgres.setting";
    /** The contexts whose settings a reload changes for running sessions. */
    static final Set<String> RELOADABLE = Set.of("sighup", "superuser", "user");

    private static final Set<String> REQUIRED = Set.of("setting", "value");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    private final Duration timeout;

    PostgresSettingExecutor(Duration timeout) {
        Check.duration("postgres check timeout", timeout, Duration.ofMillis(100), Duration.ofMinutes(10));
        this.timeout = timeout;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Plan plan(ActionRequest request, Instant now) {
        PostgresTarget target = PostgresActions.target(request);
        PostgresActions.parameters(request, REQUIRED, Set.of());
        String name = request.parameters().get("setting").strip().toLowerCase(java.util.Locale.ROOT);
        String value = request.parameters().get("value").strip();
        try (Connection c = PostgresActions.connect(target, timeout)) {
            State state = state(c, name, target);
            if (!RELOADABLE.contains(state.context)) {
                throw new IllegalArgumentException(KIND + " refuses " + name + ": " + why(state.context)
                        + " (pg_settings.context = " + state.context + "); Pacer changes only settings a reload"
                        + " applies (context sighup, superuser or user)");
            }
            state.value.check(value);
            List<Change> changes = List.of(
                    new Change("setting " + name, state.current, value),
                    new Change("postgresql.auto.conf " + name, state.autoConf, value));
            String summary = "ALTER SYSTEM SET " + name + " = " + literal(value) + "; SELECT pg_reload_conf() on "
                    + target.display() + " — " + name + " is " + state.current + " now; a reload applies it"
                    + " without a restart";
            return new Plan(
                    PostgresActions.planId(request, target, changes), request, summary, changes, false, null, now);
        } catch (SQLException e) {
            throw PostgresActions.unreachable(target, e);
        }
    }

    @Override
    public void apply(Plan plan) {
        PostgresTarget target = PostgresActions.target(plan.request());
        String name = settingOf(plan);
        String value = plan.changes().get(0).after();
        try (Connection c = PostgresActions.connect(target, timeout);
                Statement s = c.createStatement()) {
            State now = state(c, name, target);
            Change setting = plan.changes().get(0);
            Change entry = plan.changes().get(1);
            if (!Objects.equals(setting.before(), now.current)) {
                throw new StalePlanException(
                        name + " was " + setting.before() + " when planned but is " + now.current + " now; plan again");
            }
            if (!Objects.equals(entry.before(), now.autoConf)) {
                throw new StalePlanException("postgresql.auto.conf's " + name + " was " + shown(entry.before())
                        + " when planned but is " + shown(now.autoConf) + " now; plan again");
            }
            s.execute("ALTER SYSTEM SET " + name + " = " + literal(value));
            reload(s);
            String error = fileError(c, name);
            if (error != null) {
                write(s, name, entry.before());
                throw new IllegalStateException("postgres " + target.display() + ": the server refused " + name + " = "
                        + value + " on reload (" + error + "); postgresql.auto.conf was put back");
            }
        } catch (SQLException e) {
            throw PostgresActions.unreachable(target, e);
        }
    }

    @Override
    public void revert(Plan plan) {
        PostgresTarget target = PostgresActions.target(plan.request());
        try (Connection c = PostgresActions.connect(target, timeout);
                Statement s = c.createStatement()) {
            write(s, settingOf(plan), plan.changes().get(1).before());
        } catch (SQLException e) {
            throw PostgresActions.unreachable(target, e);
        }
    }

    /** Sets the {@code postgresql.auto.conf} entry to {@code entry} (RESET when null) and reloads. */
    private static void write(Statement s, String name, String entry) throws SQLException {
        s.execute(entry == null ? "ALTER SYSTEM RESET " + name : "ALTER SYSTEM SET " + name + " = " + literal(entry));
        reload(s);
    }

    private static void reload(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT pg_reload_conf()")) {
            r.next();
        }
    }

    private static String settingOf(Plan plan) {
        String name = plan.changes().get(0).setting().substring("setting ".length());
        Check.matches("postgres.setting name", name, NAME, "a PostgreSQL setting name");
        return name;
    }

    /** What pg_settings says of {@code name} and the postgresql.auto.conf entry for it. */
    private record State(String current, String autoConf, String context, SettingValue value) {}

    private static State state(Connection c, String name, PostgresTarget target) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT current_setting(name), context, vartype, unit,"
                + " min_val::float8, max_val::float8, enumvals FROM pg_settings WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next() || !NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(
                            KIND + " parameter setting: " + name + " is not a setting of " + target.display());
                }
                Array choices = r.getArray(7);
                Double min = r.getObject(5) == null ? null : r.getDouble(5);
                Double max = r.getObject(6) == null ? null : r.getDouble(6);
                SettingValue value = new SettingValue(
                        name,
                        r.getString(3),
                        r.getString(4),
                        min,
                        max,
                        choices == null ? List.of() : Arrays.asList((String[]) choices.getArray()));
                return new State(r.getString(1), autoConf(c, name), r.getString(2), value);
            }
        }
    }

    /** The value {@code postgresql.auto.conf} holds for {@code name} (what ALTER SYSTEM wrote), or null. */
    private static String autoConf(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT setting FROM pg_file_settings WHERE name = ?"
                + " AND sourcefile LIKE '%postgresql.auto.conf' ORDER BY seqno DESC LIMIT 1")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static String fileError(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT error FROM pg_file_settings WHERE name = ?"
                + " AND sourcefile LIKE '%postgresql.auto.conf' AND error IS NOT NULL LIMIT 1")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static String why(String context) {
        return switch (context) {
            case "postmaster" -> "it takes effect only when the server restarts";
            case "internal" -> "it is fixed when PostgreSQL is built or the cluster initialised";
            default -> "it takes effect only in new sessions, not on reload";
        };
    }

    private static String shown(String entry) {
        return entry == null ? "absent" : entry;
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
