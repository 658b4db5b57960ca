package io.pacer.analysis.detect;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code EXPLAIN (FORMAT JSON, VERBOSE)} plan, read for what the index advisor needs: its total cost, its
 * sequential scans of a table with their filters and estimated rows, and whether it uses a given index. Pure: no I/O.
 */
record ExplainPlan(JsonNode root) {

    /** A sequential scan: its filter as PostgreSQL prints it and the rows it expects to return (all workers). */
    record SeqScan(String filter, double rows) {}

    /** A column compared with something, and whether by equality. */
    record Predicate(String column, boolean equality) {}

    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final String OPERATOR = "(=|<=|>=|<|>)";
    /** {@code (o.customer_id = $1)}, {@code ((status)::text = 'open'::text)}: a column left of an operator. */
    private static final Pattern LEFT = Pattern.compile(
            "(?<![\\w$.\"])((?:" + IDENT + "\\.)*" + IDENT + ")\\)?(?:::[\\w ]+(?:\\[\\])?)?\\s" + OPERATOR + "\\s");
    /** {@code ($1 = customer_id)}: a column right of an operator. */
    private static final Pattern RIGHT =
            Pattern.compile("\\s" + OPERATOR + "\\s\\(?((?:" + IDENT + "\\.)*" + IDENT + ")(?![\\w$\"(])");

    private static final Pattern OR = Pattern.compile("\\sOR\\s", Pattern.CASE_INSENSITIVE);

    /** Parses the text {@code EXPLAIN (FORMAT JSON)} returns. */
    static ExplainPlan parse(String json) {
        try {
            JsonNode document = Json.documentReader().readTree(json);
            return new ExplainPlan(document.get(0).get("Plan"));
        } catch (IOException e) {
            throw new UncheckedIOException("EXPLAIN returned no JSON plan: " + e.getMessage(), e);
        }
    }

    /** The planner's estimate of the whole statement's cost, in its arbitrary units. */
    double totalCost() {
        return root.path("Total Cost").asDouble();
    }

    /** Every sequential scan of {@code schema.table} that filters rows. */
    List<SeqScan> seqScans(String schema, String table) {
        List<SeqScan> scans = new ArrayList<>();
        walk(root, 1, schema, table, scans);
        return scans;
    }

    private static void walk(JsonNode node, int processes, String schema, String table, List<SeqScan> scans) {
        int here = node.has("Workers Planned") ? node.get("Workers Planned").asInt() + 1 : processes;
        if ("Seq Scan".equals(node.path("Node Type").asText())
                && table.equals(node.path("Relation Name").asText())
                && schema.equals(node.path("Schema").asText(schema))
                && node.has("Filter")) {
            boolean parallel = node.path("Parallel Aware").asBoolean(false);
            scans.add(new SeqScan(
                    node.get("Filter").asText(), node.path("Plan Rows").asDouble() * (parallel ? here : 1)));
        }
        for (JsonNode child : node.path("Plans")) {
            walk(child, here, schema, table, scans);
        }
    }

    /** Whether any node of the plan reads the index {@code name} (an index, index-only or bitmap index scan). */
    boolean usesIndex(String name) {
        return uses(root, name);
    }

    private static boolean uses(JsonNode node, String name) {
        if (name.equals(node.path("Index Name").asText())) {
            return true;
        }
        for (JsonNode child : node.path("Plans")) {
            if (uses(child, name)) {
                return true;
            }
        }
        return false;
    }

    /** The node types from the root down the first children, e.g. {@code Aggregate > Index Scan}. */
    String shape() {
        List<String> types = new ArrayList<>();
        for (JsonNode n = root;
                n != null && !n.isMissingNode();
                n = n.path("Plans").path(0)) {
            String index = n.has("Index Name") ? " using " + n.get("Index Name").asText() : "";
            String relation =
                    n.has("Relation Name") ? " on " + n.get("Relation Name").asText() : "";
            types.add(n.path("Node Type").asText() + relation + index);
            if (!n.has("Plans")) {
                break;
            }
        }
        return String.join(" > ", types);
    }

    /** The type of the node that reads index {@code name}, or null when none does. */
    String nodeUsing(String name) {
        return nodeUsing(root, name);
    }

    private static String nodeUsing(JsonNode node, String name) {
        if (name.equals(node.path("Index Name").asText())) {
            return node.path("Node Type").asText();
        }
        for (JsonNode child : node.path("Plans")) {
            String found = nodeUsing(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * The columns of the table a filter compares, in the order they appear, keeping only those in {@code columns};
     * empty when the filter has an {@code OR} (an index on the columns of one branch does not serve the other).
     */
    static List<Predicate> predicates(String filter, Set<String> columns) {
        if (OR.matcher(filter).find()) {
            return List.of();
        }
        record At(int position, Predicate predicate) {}
        List<At> found = new ArrayList<>();
        for (boolean left : new boolean[] {true, false}) {
            Matcher m = (left ? LEFT : RIGHT).matcher(filter);
            int ident = left ? 1 : 2;
            while (m.find()) {
                String column = unqualified(m.group(ident));
                if (columns.contains(column)) {
                    found.add(new At(
                            m.start(ident),
                            new Predicate(column, m.group(left ? 2 : 1).equals("="))));
                }
            }
        }
        found.sort(java.util.Comparator.comparingInt(At::position));
        return found.stream().map(At::predicate).distinct().toList();
    }

    /** {@code o."Customer"} → {@code Customer}; {@code orders.customer_id} → {@code customer_id}. */
    private static String unqualified(String identifier) {
        Matcher last = Pattern.compile(IDENT + "$").matcher(identifier);
        String part = last.find() ? last.group() : identifier;
        return part.startsWith("\"")
                ? part.substring(1, part.length() - 1).replace("\"\"", "\"")
                : part.toLowerCase(Locale.ROOT);
    }

    /** The index columns for these predicates: the equality columns, then at most one range column; at most 3. */
    static List<String> indexColumns(List<Predicate> predicates) {
        Set<String> columns = new LinkedHashSet<>();
        predicates.stream().filter(Predicate::equality).forEach(p -> columns.add(p.column()));
        List<String> equality = new ArrayList<>(columns).subList(0, Math.min(columns.size(), 3));
        List<String> chosen = new ArrayList<>(equality);
        if (chosen.size() < 3) {
            predicates.stream()
                    .filter(p -> !p.equality() && !chosen.contains(p.column()))
                    .findFirst()
                    .ifPresent(p -> chosen.add(p.column()));
        }
        return List.copyOf(chosen);
    }
}
