package io.pacer.server.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a backup file holds ({@code manifest.json}, its last entry): the schema version of each Flyway history, and
 * per table its columns, row count and the SHA-256 of its entry, so that a restore can refuse a file that was cut
 * short or altered, or that another Pacer version wrote, before it changes anything.
 *
 * @param format {@link #FORMAT}
 * @param createdAt when the snapshot was taken
 * @param database {@code sqlite} or {@code postgresql}: where it was taken from
 * @param schemas per Flyway history table, the latest version applied ({@code flyway_schema_history} → {@code 2})
 * @param tables every table (a restore fills them in the target's foreign-key order, parents first)
 */
public record BackupManifest(
        String format, Instant createdAt, String database, Map<String, String> schemas, List<Table> tables) {

    /** The version of the file's layout: a zip of {@code tables/NAME.jsonl} entries and this manifest. */
    public static final String FORMAT = "pacer.backup/1";

    public BackupManifest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(createdAt, "createdAt");
        schemas = Map.copyOf(schemas);
        tables = List.copyOf(tables);
    }

    /** The total number of rows in the backup. */
    public long rows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }

    /**
     * One table's entry: {@code tables/NAME.jsonl}, one JSON array per row, values in column order.
     *
     * @param name the table
     * @param columns its columns, in the order each row lists them
     * @param rows how many rows the entry holds
     * @param sha256 the entry's SHA-256, hex
     */
    public record Table(String name, List<Column> columns, long rows, String sha256) {

        public Table {
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(columns);
        }

        /** The zip entry holding the rows. */
        public String entry() {
            return "tables/" + name + ".jsonl";
        }
    }

    /**
     * One column.
     *
     * @param name as the catalog names it
     * @param kind how its values are written: {@code integer}, {@code real}, {@code text}, {@code boolean} or
     *     {@code binary} (base64)
     */
    public record Column(String name, String kind) {}
}
