package io.pacer.analysis.detect;

import io.pacer.analysis.Category;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.analysis.Level;
import io.pacer.analysis.SeriesStats;
import io.pacer.analysis.action.postgres.IndexProposal;
import io.pacer.monitor.collect.PostgresTarget;
import io.pacer.monitor.store.Series;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the indexes one PostgreSQL database lacks, and checks each before proposing it.
 *
 * <p>Candidates: tables of at least {@value #MIN_LIVE_ROWS} live rows read sequentially at least {@value
 * #MIN_SEQ_SCANS} times, each scan reading on average at least {@value #MIN_ROWS_PER_SCAN} rows (parallel workers
 * count a scan each) ({@code pg_stat_user_tables}); for
 * each, the statements of {@code pg_stat_statements} (called at least {@value #MIN_CALLS} times) that name it.
 * Each statement's generic plan ({@code plan_cache_mode = force_generic_plan}, so the {@code $1} placeholders of
 * normalised statements need no values) shows whether it reads the table sequentially with a filter that keeps at
 * most {@value #MAX_SELECTIVITY} of its rows; the filter's equality columns, then one range column, are the proposal.
 *
 * <p>The check: the index is built for real inside a transaction that is rolled back — so the planner costs it with
 * its true size — and the statement is explained again. PostgreSQL's planner cannot cost an index that does not
 * exist (HypoPG adds that, but is rarely installed), and a guess from column statistics would be a second planner
 * written badly; the rolled-back build is the planner's own answer. It holds a SHARE lock (reads go on, writes wait)
 * for as long as the build takes, which is why it is bounded: {@code lock_timeout} {@value #LOCK_TIMEOUT_MS} ms so it
 * never queues in front of writers, {@code statement_timeout} from the advisor's budget, and tables over {@value
 * #MAX_CHECK_TABLE_BYTES} bytes are not built (their proposals are not offered: unchecked). A proposal is offered only
 * when the planner uses the index and its cost falls at least {@value #MIN_COST_RATIO}-fold.
 */
final class IndexAdvisor {

    static final long MIN_LIVE_ROWS = 10_000;
    static final long MIN_SEQ_SCANS = 10;
    /** Rows a sequential scan reads on average: a scan of a large table, not of its first page. */
    static final long MIN_ROWS_PER_SCAN = 5_000;

    static final long MIN_CALLS = 10;
    static final double MAX_SELECTIVITY = 0.05;
    static final double MIN_COST_RATIO = 5;
    static final long MAX_CHECK_TABLE_BYTES = 1L << 30;
    static final long LOCK_TIMEOUT_MS = 500;
    static final int MAX_TABLES = 10;
    static final int MAX_STATEMENTS_PER_TABLE = 5;
    /** A statement slower than this on average makes a missing index critical (PostgresCollector's slow query). */
    static final double CRITICAL_MEAN_SECONDS = 1.0;

    private static final Logger LOG = LoggerFactory.getLogger(IndexAdvisor.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");
    private static final String PROBE = "pacer_index_probe";

    private final Duration budget;

    IndexAdvisor(Duration budget) {
        this.budget = budget;
    }

    private record Table(String schema, String name, long seqScans, long seqRowsRead, long liveRows, long bytes) {
        String qualified() {
            return schema + "." + name;
        }
    }

    private record Query(String queryId, String text, long calls, double meanMs) {}

    /** What one checked proposal rests on. */
    private record Checked(
            Table table,
            Query statement,
            IndexProposal proposal,
            double selectivity,
            ExplainPlan before,
            ExplainPlan after) {
        double ratio() {
            return before.totalCost() / Math.max(after.totalCost(), 1e-9);
        }
    }

    /**
     * The checked proposals for the database {@code target} names, as findings over the window of {@code history};
     * a table whose sequential scans the history shows stopped in the window is left out (its statistics are old news).
     */
    List<Finding> advise(PostgresTarget target, History history) throws SQLException {
        Instant from = history.from();
        Instant to = history.to();
        long deadline = System.nanoTime() + budget.toNanos();
        Map<String, Checked> best = new LinkedHashMap<>();
        try (Connection c = target.connect(budget, "pacer-analysis");
                Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = " + budget.toMillis());
            s.execute("SET plan_cache_mode = force_generic_plan");
            if (!statementsReadable(s)) {
                return List.of();
            }
            for (Table table : tables(s)) {
                if (!scannedInWindow(history, target, table)) {
                    continue;
                }
                Set<String> columns = columns(c, table);
                for (Query statement : statements(c, table)) {
                    if (System.nanoTime() > deadline) {
                        LOG.info("postgres {}: index advice stopped at its budget of {}", target.display(), budget);
                        return findings(target, best.values(), from, to);
                    }
                    Checked checked = check(c, s, table, columns, statement, deadline);
                    if (checked != null) {
                        best.merge(
                                checked.proposal.name(),
                                checked,
                                (a, b) ->
                                        a.statement.calls * a.statement.meanMs >= b.statement.calls * b.statement.meanMs
                                                ? a
                                                : b);
                    }
                }
            }
        }
        return findings(target, best.values(), from, to);
    }

    /** True unless the stored history of the table's sequential scans shows none during the window. */
    private static boolean scannedInWindow(History history, PostgresTarget target, Table table) {
        List<Series> scans = history.series(
                "postgres.table.seq.scans.total", Map.of("target", target.display(), "table", table.qualified()));
        if (scans.isEmpty() || scans.get(0).points().size() < 2) {
            return true; // no history of it: the live statistics decide
        }
        return SeriesStats.increase(scans.get(0)) > 0;
    }

    private static boolean statementsReadable(Statement s) {
        try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1")) {
            return true;
        } catch (SQLException e) {
            LOG.info("no index advice without pg_stat_statements: {}", e.getMessage());
            return false;
        }
    }

    private static List<Table> tables(Statement s) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SELECT schemaname, relname, seq_scan, seq_tup_read, n_live_tup,"
                + " pg_relation_size(relid) FROM pg_stat_user_tables WHERE n_live_tup >= " + MIN_LIVE_ROWS
                + " AND seq_scan >= " + MIN_SEQ_SCANS + " AND seq_tup_read >= seq_scan * " + MIN_ROWS_PER_SCAN
                + " ORDER BY seq_tup_read DESC LIMIT " + MAX_TABLES)) {
            while (r.next()) {
                tables.add(new Table(
                        r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)));
            }
        }
        return tables;
    }

    private static Set<String> columns(Connection c, Table table) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT attname FROM pg_attribute a JOIN pg_class t"
                + " ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ?"
                + " AND t.relname = ? AND a.attnum > 0 AND NOT a.attisdropped")) {
            p.setString(1, table.schema);
            p.setString(2, table.name);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    columns.add(r.getString(1));
                }
            }
        }
        return columns;
    }

    private static List<Query> statements(Connection c, Table table) throws SQLException {
        List<Query> statements = new ArrayList<>();
        boolean modern = c.getMetaData().getDatabaseMajorVersion() >= 13;
        String mean = modern ? "mean_exec_time" : "mean_time";
        String total = modern ? "total_exec_time" : "total_time";
        try (PreparedStatement p = c.prepareStatement("SELECT queryid::text, query, calls, " + mean
                + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname ="
                + " current_database()) AND calls >= " + MIN_CALLS + " AND query ~* '^\\s*select\\M'"
                + " AND query ~* ('\\m' || ? || '\\M') ORDER BY " + total + " DESC LIMIT "
                + MAX_STATEMENTS_PER_TABLE)) {
            p.setString(1, table.name.replaceAll("([^A-Za-z0-9_])", "\\\\$1"));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    statements.add(new Query(r.getString(1), r.getString(2), r.getLong(3), r.getDouble(4)));
                }
            }
        }
        return statements;
    }

    /** The statement's proposal for {@code table}, checked; null when there is none or the check refutes it. */
    private Checked check(Connection c, Statement s, Table table, Set<String> columns, Query statement, long deadline) {
        String text = statement.text.strip().replaceFirst(";$", "");
        if (text.contains(";")) {
            return null; // one statement only: the text is prepared and explained, never run
        }
        boolean prepared = false;
        try {
            s.execute("PREPARE " + PROBE + " AS " + text);
            prepared = true;
            ExplainPlan before = explain(s, text);
            List<ExplainPlan.SeqScan> scans = before.seqScans(table.schema, table.name);
            for (ExplainPlan.SeqScan scan : scans) {
                double selectivity = scan.rows() / Math.max(1, table.liveRows);
                List<String> indexed = ExplainPlan.indexColumns(ExplainPlan.predicates(scan.filter(), columns));
                if (selectivity > MAX_SELECTIVITY || indexed.isEmpty()) {
                    continue;
                }
                IndexProposal proposal = new IndexProposal(table.schema, table.name, indexed);
                if (proposal.existingIndex(c).isPresent()) {
                    continue;
                }
                if (table.bytes > MAX_CHECK_TABLE_BYTES) {
                    LOG.info(
                            "not proposing {}: {} is {} bytes, too large to check the index by building it",
                            proposal.createStatement(),
                            table.qualified(),
                            table.bytes);
                    continue;
                }
                ExplainPlan after = withIndex(c, s, proposal, text, deadline);
                if (after != null
                        && after.usesIndex(proposal.name())
                        && before.totalCost() >= MIN_COST_RATIO * after.totalCost()) {
                    return new Checked(table, statement, proposal, selectivity, before, after);
                }
            }
            return null;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("no index check for statement {}: {}", statement.queryId, e.getMessage());
            return null;
        } finally {
            if (prepared) {
                try {
                    s.execute("DEALLOCATE " + PROBE);
                } catch (SQLException e) {
                    LOG.debug("DEALLOCATE failed: {}", e.getMessage());
                }
            }
        }
    }

    /** The plan with the proposed index built inside a transaction that is then rolled back. */
    private static ExplainPlan withIndex(Connection c, Statement s, IndexProposal proposal, String text, long deadline)
            throws SQLException {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        c.setAutoCommit(false);
        try {
            s.execute("SET LOCAL lock_timeout = " + LOCK_TIMEOUT_MS);
            s.execute("SET LOCAL statement_timeout = " + left);
            s.execute(proposal.checkStatement());
            return explain(s, text);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static ExplainPlan explain(Statement s, String text) throws SQLException {
        int parameters = 0;
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            parameters = Math.max(parameters, Integer.parseInt(m.group(1)));
        }
        String values = parameters == 0 ? "" : "(" + String.join(", ", Collections.nCopies(parameters, "NULL")) + ")";
        try (ResultSet r = s.executeQuery("EXPLAIN (FORMAT JSON, VERBOSE) EXECUTE " + PROBE + values)) {
            r.next();
            return ExplainPlan.parse(r.getString(1));
        }
    }

    private static List<Finding> findings(PostgresTarget target, Collection<Checked> all, Instant from, Instant to) {
        return all.stream().map(c -> finding(target, c, from, to)).toList();
    }

    private static Finding finding(PostgresTarget target, Checked c, Instant from, Instant to) {
        String database = target.display().substring(target.display().indexOf('/') + 1);
        Map<String, String> table =
                Map.of("target", target.display(), "database", database, "table", c.table.qualified());
        double rowsPerScan = (double) c.table.seqRowsRead / c.table.seqScans;
        String query = c.statement.text.replaceAll("\\s+", " ").strip();
        String shortQuery = query.length() > 160 ? query.substring(0, 157) + "..." : query;
        List<Evidence> evidence = List.of(
                new Evidence(
                        "postgres.table.seq.rows.read.total",
                        table,
                        "rows_per_seq_scan",
                        rowsPerScan,
                        ">=",
                        MIN_ROWS_PER_SCAN,
                        from,
                        to,
                        String.format(
                                Locale.ROOT,
                                "%d sequential scans read %d rows since the statistics were reset; %d live rows",
                                c.table.seqScans,
                                c.table.seqRowsRead,
                                c.table.liveRows)),
                new Evidence(
                        "postgres.statement.mean.seconds",
                        Map.of("target", target.display(), "database", database, "queryid", c.statement.queryId),
                        "selectivity",
                        c.selectivity,
                        "<=",
                        MAX_SELECTIVITY,
                        from,
                        to,
                        String.format(
                                Locale.ROOT,
                                "%s: %d calls, mean %.1f ms; its filter keeps %.2f%% of %s",
                                shortQuery,
                                c.statement.calls,
                                c.statement.meanMs,
                                100 * c.selectivity,
                                c.table.qualified())),
                new Evidence(
                        "postgres.explain.total_cost",
                        Map.of(
                                "target",
                                target.display(),
                                "database",
                                database,
                                "table",
                                c.table.qualified(),
                                "index",
                                c.proposal.name()),
                        "cost_with_index",
                        c.after.totalCost(),
                        "<=",
                        c.before.totalCost() / MIN_COST_RATIO,
                        from,
                        to,
                        String.format(
                                Locale.ROOT,
                                "EXPLAIN cost %.2f (%s) without the index, %.2f (%s) with it, built"
                                        + " in a rolled-back transaction: %.0fx cheaper",
                                c.before.totalCost(),
                                c.before.shape(),
                                c.after.totalCost(),
                                c.after.shape(),
                                c.ratio())));
        Level level = c.statement.meanMs / 1000 >= CRITICAL_MEAN_SECONDS ? Level.CRITICAL : Level.WARNING;
        double confidence = Math.min(1.0, 0.5 + 0.1 * (Math.log(c.ratio() / MIN_COST_RATIO) / Math.log(2)));
        String summary = String.format(
                Locale.ROOT,
                "%s is read sequentially (%d scans of ~%.0f rows) for %s (%d calls, mean %.1f ms): %s cuts its"
                        + " EXPLAIN cost from %.1f to %.1f",
                c.table.qualified(),
                c.table.seqScans,
                rowsPerScan,
                shortQuery,
                c.statement.calls,
                c.statement.meanMs,
                c.proposal.createStatement(),
                c.before.totalCost(),
                c.after.totalCost());
        Map<String, String> subject = Map.of(
                "target",
                target.display(),
                "database",
                database,
                "table",
                c.table.qualified(),
                "columns",
                String.join(",", c.proposal.columns()));
        return new Finding(
                FindingKinds.POSTGRES_MISSING_INDEX, Category.DATABASE, level, confidence, subject, summary, evidence);
    }
}
