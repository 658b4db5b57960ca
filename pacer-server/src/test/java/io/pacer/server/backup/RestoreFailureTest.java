package io.pacer.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.PostgresExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A restore that fails — a damaged file, a backup that does not fit, a row the database refuses — says so as a usage
 * error without quoting rows, and leaves a fresh target as fresh as it was: no SQLite file, no PostgreSQL tables.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(180)
class RestoreFailureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path backup;
    static List<String> keyHashes;

    @TempDir
    Path dir;

    @BeforeAll
    static void backUpAFilledStore() throws Exception {
        StoreConfig source = StoreKind.SQLITE.fresh(shared, "source");
        StateFill.fill(source, shared.resolve("source"));
        backup = shared.resolve("pacer.backup");
        Backup.write(source, backup, Clock.systemUTC());
        keyHashes = new ArrayList<>();
        try (Connection c = Tables.connect(source);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT hash FROM pacer_api_key")) {
            while (r.next()) {
                keyHashes.add(r.getString(1));
            }
        }
        assertThat(keyHashes).hasSize(2);
    }

    /** Review finding 12: an entry that does not inflate was an internal error, exit 1, with metrics.db left behind. */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anEntryThatDoesNotInflateIsRefusedBeforeTheStoreIsTouched(StoreKind kind) throws Exception {
        Path damaged = dir.resolve("damaged.backup");
        Files.write(damaged, breakDeflate(Files.readAllBytes(backup), "tables/pacer_user.jsonl"));
        StoreConfig target = kind.fresh(dir, "target");

        assertThatThrownBy(() -> Restore.restore(damaged, target, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry tables/pacer_user.jsonl cannot be read (ZipException")
                .hasMessageEndingWith("the backup is damaged, nothing was restored");
        assertFresh(kind, target);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aBackupOfOtherSchemaVersionsLeavesAFreshStoreFresh(StoreKind kind) throws Exception {
        Path other = dir.resolve("other.backup");
        rebuild(backup, other, Map.of(), manifest -> {
            ((ObjectNode) manifest.path("schemas")).put("pacer_server_schema_history", "999");
            return manifest;
        });
        StoreConfig target = kind.fresh(dir, "target");

        assertThatThrownBy(() -> Restore.restore(other, target, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the backup was taken at schema versions");
        assertFresh(kind, target);
    }

    /**
     * Review finding 2: a row PostgreSQL refuses names its table, SQL state and constraint — not the failed batch,
     * which quoted API key hashes — and the half-filled fresh database is dropped again.
     */
    @Test
    void aRowTheDatabaseRefusesIsNamedWithoutItsValues() throws Exception {
        Path orphans = dir.resolve("orphans.backup");
        String noRows = HexFormat.of().formatHex(Backup.sha256().digest());
        rebuild(backup, orphans, Map.of("tables/pacer_user.jsonl", bytes -> new byte[0]), manifest -> {
            for (JsonNode table : manifest.path("tables")) {
                if (table.path("name").asText().equals("pacer_user")) {
                    ((ObjectNode) table).put("rows", 0).put("sha256", noRows);
                }
            }
            return manifest;
        });
        StoreConfig target = StoreKind.POSTGRES.fresh(dir, "target");

        Throwable refused =
                org.assertj.core.api.Assertions.catchThrowable(() -> Restore.restore(orphans, target, false));
        assertThat(refused)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("could not restore table pacer_api_key: SQL state 23503, constraint"
                        + " pacer_api_key_user_id_fkey; nothing was restored");
        keyHashes.forEach(hash -> assertThat(refused.getMessage()).doesNotContain(hash));
        assertFresh(StoreKind.POSTGRES, target);
    }

    private void assertFresh(StoreKind kind, StoreConfig target) throws Exception {
        if (kind == StoreKind.SQLITE) {
            assertThat(dir.resolve("target")).doesNotExist();
            return;
        }
        try (Connection c = Tables.connect(target);
                ResultSet r = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            List<String> tables = new ArrayList<>();
            while (r.next()) {
                tables.add(r.getString("TABLE_NAME"));
            }
            assertThat(tables).isEmpty();
        }
    }

    /**
     * The zip with the first two bytes of {@code entry}'s deflated data set to 0xff: a block of the reserved type 3,
     * which no inflater reads ("invalid block type").
     */
    private static byte[] breakDeflate(byte[] zip, String entry) {
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(zip, name); // the local header's copy comes before the central directory's
        int header = at - 30;
        assertThat(zip[header]).isEqualTo((byte) 'P');
        assertThat(zip[header + 1]).isEqualTo((byte) 'K');
        int nameLength = (zip[header + 26] & 0xff) | (zip[header + 27] & 0xff) << 8;
        int extraLength = (zip[header + 28] & 0xff) | (zip[header + 29] & 0xff) << 8;
        int data = header + 30 + nameLength + extraLength;
        byte[] broken = zip.clone();
        broken[data] = (byte) 0xff;
        broken[data + 1] = (byte) 0xff;
        return broken;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no entry " + new String(needle, StandardCharsets.UTF_8));
    }

    /** Copies a backup, changing entries' bytes and its manifest. */
    private static void rebuild(
            Path from, Path to, Map<String, UnaryOperator<byte[]>> entries, UnaryOperator<JsonNode> manifest)
            throws Exception {
        try (ZipFile in = new ZipFile(from.toFile());
                OutputStream file = Files.newOutputStream(to);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry next = e.nextElement();
                byte[] bytes;
                try (InputStream body = in.getInputStream(next)) {
                    bytes = body.readAllBytes();
                }
                if (next.getName().equals(Backup.MANIFEST)) {
                    bytes = JSON.writeValueAsBytes(manifest.apply(JSON.readTree(bytes)));
                } else if (entries.containsKey(next.getName())) {
                    bytes = entries.get(next.getName()).apply(bytes);
                }
                out.putNextEntry(new ZipEntry(next.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
