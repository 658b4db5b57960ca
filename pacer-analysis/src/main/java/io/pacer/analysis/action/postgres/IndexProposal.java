package io.pacer.analysis.action.postgres;

import io.pacer.internal.Check;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An index Pacer proposes and builds: the one place its name and its statements are written, so that the index
 * advisor's proposal, the executor's dry run and what it runs are the same text. The name is Pacer's own
 * ({@code pacer_<table>_<columns>_idx}), which tells a reader of {@code \d orders} who made it and lets revert drop
 * exactly what apply created.
 *
 * @param schema the table's schema, e.g. {@code public}
 * @param table the table, unqualified
 * @param columns the indexed columns, in order (equality columns first, then at most one range column)
 */
public record IndexProposal(String schema, String table, List<String> columns) {

    /** PostgreSQL's identifier limit (NAMEDATALEN - 1), in bytes. */
    static final int MAX_NAME_BYTES = 63;

    private static final Pattern SIMPLE = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final int MAX_COLUMNS = 8;
    /** PostgreSQL's reserved key words (and those reserved as names), which {@code quote_ident} quotes. */
    private static final Set<String> RESERVED = Set.of(("all analyse analyze and any array as asc asymmetric"
                    + " authorization binary both case cast check collate collation column concurrently constraint"
                    + " create cross current_catalog current_date current_role current_schema current_time"
                    + " current_timestamp current_user default deferrable desc distinct do else end except false"
                    + " fetch for foreign freeze from full grant group having ilike in initially inner intersect"
                    + " into is isnull join lateral leading left like limit localtime localtimestamp natural not"
                    + " notnull null offset on only or order outer overlaps placing primary references returning"
                    + " right select session_user similar some symmetric system_user table tablesample then to"
                    + " trailing true union unique user using variadic verbose when where window with")
            .split(" "));

    public IndexProposal {
        Check.notBlank("index schema", schema, "a schema name, e.g. public");
        Check.notBlank("index table", table, "a table name");
        columns = List.copyOf(columns);
        Check.that(
                !columns.isEmpty() && columns.size() <= MAX_COLUMNS,
                "index columns",
                "1 to " + MAX_COLUMNS + " column names",
                columns);
        columns.forEach(c -> Check.notBlank("index column", c, "a column name"));
        Check.distinct("index columns", columns);
    }

    /** {@code public.orders}, or {@code orders} qualified as PostgreSQL prints it when a part needs quotes. */
    public String qualifiedTable() {
        return quote(schema) + "." + quote(table);
    }

    /**
     * The index's name: {@code pacer_orders_customer_id_status_idx}, lower case with every other character as
     * {@code _}, shortened with a digest of the table and columns past 63 bytes.
     */
    public String name() {
        String plain = ("pacer_" + table + "_" + String.join("_", columns) + "_idx").toLowerCase(Locale.ROOT);
        String name = plain.replaceAll("[^a-z0-9_]", "_");
        if (name.length() <= MAX_NAME_BYTES) {
            return name;
        }
        String digest = digest(schema + "." + table + "(" + String.join(",", columns) + ")");
        String head = name.substring(0, Math.min(name.length(), MAX_NAME_BYTES - digest.length() - 5));
        return head + "_" + digest + "_idx";
    }

    /** The index qualified by its table's schema, as {@code DROP INDEX} needs it. */
    public String qualifiedName() {
        return quote(schema) + "." + quote(name());
    }

    /** {@code (customer_id, status)}, quoted where needed. */
    public String columnList() {
        return "("
                + String.join(", ", columns.stream().map(IndexProposal::quote).toList()) + ")";
    }

    /** What apply runs: builds without blocking writes, and does nothing when the index exists. */
    public String createStatement() {
        return "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + quote(name()) + " ON " + qualifiedTable() + " "
                + columnList();
    }

    /**
     * What the index advisor's check runs inside a transaction it rolls back: the same index under the same name, built
     * the plain way (CONCURRENTLY cannot run in a transaction), so the planner costs the real thing.
     */
    public String checkStatement() {
        return "CREATE INDEX " + quote(name()) + " ON " + qualifiedTable() + " " + columnList();
    }

    /** What revert runs. */
    public String dropStatement() {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + qualifiedName();
    }

    /** {@code index public.orders (customer_id)}: how a plan's change names it. */
    public String setting() {
        return "index " + qualifiedTable() + " " + columnList();
    }

    /**
     * The index named as Pacer names it, or any valid index whose leading key columns are the proposal's, in
     * {@code schema.name} form; empty when there is none (then the proposal adds something the planner lacks).
     */
    public Optional<String> existingIndex(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT n.nspname || '.' || i.relname,"
                + " ARRAY(SELECT a.attname::text FROM generate_series(0, x.indnkeyatts - 1) k(o)"
                + " JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k.o] ORDER BY k.o),"
                + " x.indisvalid FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                + " JOIN pg_namespace n ON n.oid = i.relnamespace WHERE x.indrelid = ?::regclass")) {
            p.setString(1, qualifiedTable());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String index = r.getString(1);
                    List<String> keys = Arrays.asList((String[]) r.getArray(2).getArray());
                    boolean ours = index.equals(schema + "." + name());
                    boolean covers = r.getBoolean(3)
                            && keys.size() >= columns.size()
                            && keys.subList(0, columns.size()).equals(columns);
                    if (ours || covers) {
                        return Optional.of(index);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** An identifier as PostgreSQL's {@code quote_ident} writes it: bare when lower-case and simple, else quoted. */
    static String quote(String identifier) {
        return SIMPLE.matcher(identifier).matches() && !RESERVED.contains(identifier)
                ? identifier
                : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
