package io.pacer.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.PostgresExtension;
import java.io.InputStream;
import java.io.OutputStream;
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

/** A restore that fails — a row the database refuses — says so without quoting rows. */
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

    /**
     * Review finding 2: a row PostgreSQL refuses names its table, SQL state and constraint — not the failed batch,
     * which quoted API key hashes.
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
