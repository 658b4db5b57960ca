package io.pacer.cli;

import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.backup.BackupManifest;
import io.pacer.server.backup.Restore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pacer restore}: a {@code pacer backup} file into a fresh store. */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Restore a pacer backup file into a store: a fresh one (empty, or not created yet) unless --force. The"
                    + " file's manifest, schema versions, row counts and checksums are checked, and every table is"
                    + " filled in one transaction, so a failed restore leaves the store as it was.",
            "Works across databases: a SQLite backup restores into PostgreSQL and back. Stop pacer serve on the"
                    + " target first."
        },
        footer = {
            "",
            "Examples:",
            "  pacer restore pacer.backup --data-dir /var/lib/pacer-new",
            "  PACER_DB_PASSWORD=… pacer restore pacer.backup --db-url jdbc:postgresql://db:5432/pacer",
            "",
            "Exit codes: 0 restored, 2 bad usage (a damaged file, a store that is not empty without --force)."
        })
final class RestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file (pacer backup --output).")
    Path file;

    @Mixin
    StoreOptions store;

    @Option(
            names = "--force",
            description = "Replace whatever the store holds (default: refuse a store that is not empty).")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StoreConfig config = store.forWriting();
        BackupManifest manifest;
        try {
            manifest = Restore.restore(file, config, force);
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        spec.commandLine()
                .getOut()
                .println(String.format(
                        Locale.ROOT,
                        "restored %s into %s: %d tables, %d rows, taken %s from %s",
                        file,
                        store.describe(),
                        manifest.tables().size(),
                        manifest.rows(),
                        manifest.createdAt(),
                        manifest.database()));
        return ExitCode.OK;
    }
}
