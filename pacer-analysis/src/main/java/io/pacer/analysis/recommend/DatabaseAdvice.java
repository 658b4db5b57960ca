package io.pacer.analysis.recommend;

import io.pacer.analysis.Effort;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.action.ActionRequest;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL and connection pools. A missing index becomes {@code postgres.index}; slow statements that spill sorts
 * and hashes to disk become a bigger {@code work_mem} ({@code postgres.setting}, reloadable). A cache-hit drop wants
 * {@code shared_buffers}, which needs a restart, so it stays advice.
 *
 * <p>The action's target is the server the finding's {@code target} label names ({@code host:port/database}), as a URL
 * without its password ({@link PostgresUrls}).
 */
final class DatabaseAdvice {

    static final String DATABASE = "database_performance";

    /** The smallest and largest {@code work_mem} the catalogue proposes. */
    static final long MIN_WORK_MEM_MB = 8;

    static final long MAX_WORK_MEM_MB = 256;

    private DatabaseAdvice() {}

    static Map<String, Advice> rules() {
        return Map.of(
                FindingKinds.POOL_EXHAUSTED, DatabaseAdvice::pool,
                FindingKinds.POSTGRES_CACHE_DROP, DatabaseAdvice::cacheDrop,
                FindingKinds.POSTGRES_SLOW_QUERIES, DatabaseAdvice::slowQueries,
                FindingKinds.POSTGRES_MISSING_INDEX, DatabaseAdvice::missingIndex);
    }

    private static String describe(Finding f, String headline) {
        return SystemAdvice.describe(f, headline);
    }

    private static Draft pool(Finding f, Facts facts) {
        return new Draft(
                DATABASE,
                "connection_pooling",
                f.subject(),
                describe(f, "callers wait for a connection"),
                List.of(
                        "Raise the pool's maximum size (Hikari maximumPoolSize) when PostgreSQL has headroom"
                                + " (postgres.connections.used.ratio well below 1)",
                        "Shorten what holds a connection: no remote calls inside a transaction, a statement_timeout",
                        "When PostgreSQL itself is at max_connections, put PgBouncer in front rather than raise it"),
                "Expect no callers waiting for a connection, and the pool-wait part of request latency gone",
                Effort.MEDIUM,
                null);
    }

    private static Draft cacheDrop(Finding f, Facts facts) {
        return new Draft(
                DATABASE,
                "cache_optimization",
                f.subject(),
                describe(f, "more reads miss PostgreSQL's buffer cache"),
                List.of(
                        "Find what reads from disk: large sequential scans (pg_stat_user_tables.seq_tup_read) push"
                                + " the working set out",
                        "Add the indexes the missing-index findings propose",
                        "Raise shared_buffers (about 25 % of RAM); it needs a restart, so Pacer does not apply it"),
                "Expect the buffer cache hit ratio back above 0.99 (typical for OLTP) and fewer disk reads",
                Effort.MEDIUM,
                null);
    }

    private static Draft slowQueries(Finding f, Facts facts) {
        String target = Facts.label(f, "target");
        Draft advice = new Draft(
                DATABASE,
                "query_optimization",
                f.subject(),
                describe(f, "statements are slower than the slow-query threshold"),
                List.of(
                        "Run EXPLAIN (ANALYZE, BUFFERS) on the slowest statements (pg_stat_statements, mean_exec_time)",
                        "Add the indexes the missing-index findings propose",
                        "Cache results read often and rewrite statements that read far more rows than they return"),
                "Expect the slow statements' mean time to fall, typically severalfold where a sequential scan"
                        + " becomes an index scan",
                Effort.MEDIUM,
                null);
        if (target == null) {
            return advice;
        }
        String database = Facts.label(f, "database");
        Map<String, String> labels =
                database == null ? Map.of("target", target) : Map.of("target", target, "database", database);
        double files = facts.increase("postgres.temp.files.total", labels);
        double bytes = facts.increase("postgres.temp.bytes.total", labels);
        if (!(files > 0 && bytes > 0)) {
            return advice;
        }
        long perFileMb = (long) Math.ceil(bytes / files / (1024 * 1024));
        long workMem = MIN_WORK_MEM_MB;
        while (workMem < perFileMb && workMem < MAX_WORK_MEM_MB) {
            workMem *= 2;
        }
        String value = workMem + "MB";
        return new Draft(
                        advice.category(),
                        advice.type(),
                        advice.subject(),
                        describe(
                                f,
                                "sorts and hashes spill to disk (" + Facts.number(files) + " temp files, "
                                        + Facts.bytes(bytes) + " in the window): work_mem " + value),
                        List.of(
                                "ALTER SYSTEM SET work_mem = '" + value + "' and reload (Pacer: plan, apply,"
                                        + " verify, revert on degradation); each sort or hash may use this much",
                                advice.actions().get(0),
                                advice.actions().get(1)),
                        "Expect fewer temp files and faster sorts and hashes; memory per query operation rises by"
                                + " up to " + value,
                        Effort.LOW,
                        null)
                .withAction(new ActionRequest(
                        "postgres.setting",
                        facts.postgresTarget(target),
                        Map.of("setting", "work_mem", "value", value)));
    }

    private static Draft missingIndex(Finding f, Facts facts) {
        String target = Facts.label(f, "target");
        String table = Facts.label(f, "table");
        String columns = Facts.label(f, "columns");
        Draft advice = new Draft(
                DATABASE,
                "index_creation",
                f.subject(),
                describe(f, "a sequential scan with a selective filter: an index would serve it"),
                List.of(
                        "CREATE INDEX CONCURRENTLY on " + (table == null ? "the table" : table)
                                + (columns == null ? "" : " (" + columns + ")")
                                + " (the evidence holds EXPLAIN's cost with and without it)",
                        "Check the statement now uses an index scan, and drop indexes no statement uses"),
                "Expect the filtered statement to use an index scan, its cost falling by the EXPLAIN ratio in the"
                        + " evidence; writes to the table pay a little for the index",
                Effort.MEDIUM,
                null);
        if (target == null || table == null || columns == null) {
            return advice;
        }
        // The statement's id lets the action be verified on that statement's mean time.
        String queryId = f.evidence().stream()
                .map(e -> e.labels().get("queryid"))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
        Map<String, String> parameters = queryId == null
                ? Map.of("table", table, "columns", columns)
                : Map.of("table", table, "columns", columns, "queryid", queryId);
        return advice.withAction(new ActionRequest("postgres.index", facts.postgresTarget(target), parameters));
    }
}
