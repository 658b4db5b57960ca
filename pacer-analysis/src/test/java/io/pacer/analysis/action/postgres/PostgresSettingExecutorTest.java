package io.pacer.analysis.action.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.analysis.Synthetic;
import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.StalePlanException;
import io.pacer.testing.Await;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code postgres.setting} on a real PostgreSQL: ALTER SYSTEM + reload for a reloadable setting, revert to what
 * {@code postgresql.auto.conf} held (or RESET), a stale plan refused, a restart-only setting refused saying why.
 * ALTER SYSTEM is server-wide: every test puts {@code work_mem} back.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(120)
class PostgresSettingExecutorTest {

    private static final Duration RELOAD = Duration.ofSeconds(20);

    private final ActionExecutor setting = PostgresExecutors.setting();
    private PostgresServer server;

    @AfterEach
    void resetWorkMem() throws SQLException {
        if (server != null) {
            try (Connection c = server.connect();
                    Statement s = c.createStatement()) {
                s.execute("ALTER SYSTEM RESET work_mem");
                s.execute("SELECT pg_reload_conf()");
            }
        }
    }

    @Test
    void aReloadableSettingIsSetReloadedAndResetOnRevert(PostgresServer server) throws Exception {
        this.server = server;
        String url = url(server);
        String was = show(server, "work_mem");
        Plan plan = setting.plan(request(url, "work_mem", "64MB"), Synthetic.NOW);
        assertThat(plan.changes())
                .containsExactly(
                        new Change("setting work_mem", was, "64MB"),
                        new Change("postgresql.auto.conf work_mem", null, "64MB"));
        assertThat(plan.summary())
                .startsWith("ALTER SYSTEM SET work_mem = '64MB'; SELECT pg_reload_conf()")
                .doesNotContain("password");
        assertThat(plan.safe()).isFalse();
        assertThat(show(server, "work_mem")).as("a dry run changes nothing").isEqualTo(was);

        setting.apply(plan);
        Await.until(
                RELOAD,
                "work_mem 64MB in new sessions",
                () -> show(server, "work_mem").equals("64MB"));

        setting.revert(plan);
        Await.until(
                RELOAD,
                "work_mem back to " + was,
                () -> show(server, "work_mem").equals(was));
        assertThat(autoConf(server, "work_mem")).as("RESET: no entry left").isNull();
    }

    @Test
    void revertRestoresThePreviousAlterSystemValue(PostgresServer server) throws Exception {
        this.server = server;
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET work_mem = '8MB'");
            s.execute("SELECT pg_reload_conf()");
        }
        Await.until(RELOAD, "work_mem 8MB", () -> show(server, "work_mem").equals("8MB"));
        Plan plan = setting.plan(request(url(server), "work_mem", "32MB"), Synthetic.NOW);
        assertThat(plan.changes().get(1)).isEqualTo(new Change("postgresql.auto.conf work_mem", "8MB", "32MB"));

        setting.apply(plan);
        Await.until(RELOAD, "work_mem 32MB", () -> show(server, "work_mem").equals("32MB"));
        setting.revert(plan);
        Await.until(RELOAD, "work_mem 8MB again", () -> show(server, "work_mem").equals("8MB"));
        assertThat(autoConf(server, "work_mem")).isEqualTo("8MB");
    }

    @Test
    void aChangeBehindThePlansBackMakesItStale(PostgresServer server) throws Exception {
        this.server = server;
        Plan plan = setting.plan(request(url(server), "work_mem", "64MB"), Synthetic.NOW);
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET work_mem = '16MB'");
        }
        assertThatThrownBy(() -> setting.apply(plan))
                .isInstanceOf(StalePlanException.class)
                .hasMessage("postgresql.auto.conf's work_mem was absent when planned but is 16MB now; plan again");
        assertThat(autoConf(server, "work_mem")).as("nothing written").isEqualTo("16MB");
    }

    @Test
    void aSettingThatNeedsARestartIsRefusedSayingWhy(PostgresServer server) {
        assertThatThrownBy(() -> setting.plan(request(url(server), "shared_buffers", "256MB"), Synthetic.NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("postgres.setting refuses shared_buffers: it takes effect only when the server restarts"
                        + " (pg_settings.context = postmaster); Pacer changes only settings a reload applies"
                        + " (context sighup, superuser or user)");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "work_mem|lots|postgres.setting value for work_mem must be a number (unit kB unless given) from 64 kB"
                        + " to 2147483647 kB, but was 'lots'",
                "work_mem|32|postgres.setting value for work_mem must be a number (unit kB unless given) from 64 kB"
                        + " to 2147483647 kB, but was '32'",
                "work_mem|4 parsecs|postgres.setting value for work_mem must be a number (unit kB unless given) from"
                        + " 64 kB to 2147483647 kB, units B kB MB GB TB, but was '4 parsecs'",
                "log_statement|everything|postgres.setting value for log_statement must be one of none, ddl, mod,"
                        + " all, but was 'everything'",
                "jit|maybe|postgres.setting value for jit must be on or off, but was 'maybe'",
                "no_such_setting|1|postgres.setting parameter setting: no_such_setting is not a setting of",
            })
    void badValuesAreRefusedWithWhatIsAllowed(String name, String value, String message, PostgresServer server) {
        assertThatThrownBy(() -> setting.plan(request(url(server), name, value), Synthetic.NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void unitsAndRangesAreCheckedInTheSettingsOwnUnit() {
        SettingValue sharedBuffers = new SettingValue("shared_buffers", "integer", "8kB", 16.0, 1073741823.0, null);
        sharedBuffers.check("128MB");
        sharedBuffers.check("16384");
        assertThatThrownBy(() -> sharedBuffers.check("64kB")).hasMessageContaining("from 16 8kB");
        SettingValue timeout = new SettingValue("statement_timeout", "integer", "ms", 0.0, 2147483647.0, null);
        timeout.check("5min");
        timeout.check("0");
        assertThatThrownBy(() -> timeout.check("5MB")).hasMessageContaining("units us ms s min h d");
    }

    private static ActionRequest request(String url, String name, String value) {
        return new ActionRequest("postgres.setting", url, Map.of("setting", name, "value", value));
    }

    private static String url(PostgresServer server) {
        return "postgresql://" + server.user() + ":" + server.password() + "@127.0.0.1:" + server.port() + "/postgres";
    }

    /** The setting as a new session sees it: after the server processed the reload. */
    private static String show(PostgresServer server, String name) throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW " + name)) {
            r.next();
            return r.getString(1);
        }
    }

    private static String autoConf(PostgresServer server, String name) throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT setting FROM pg_file_settings WHERE name = '" + name
                        + "' AND sourcefile LIKE '%postgresql.auto.conf'")) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
