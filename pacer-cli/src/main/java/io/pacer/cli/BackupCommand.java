package io.pacer.cli;

import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.backup.Backup;
import io.pacer.server.backup.BackupManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pacer backup}: the whole state of a store in one file, taken consistently while the service runs. */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Back up everything a Pacer store holds — metric history (samples, rollups, alert transitions) and the"
                    + " service's state (settings, users and keys, rules, targets, runs, baselines, audit) — into one"
                    + " file, in one read transaction: a consistent moment, while pacer serve goes on writing.",
            "The file is a zip of one JSON-lines entry per table and a manifest with schema versions, row counts and"
                    + " checksums; pacer restore checks them all before it writes anything."
        },
        footer = {
            "",
            "Examples:",
            "  pacer backup --output pacer-$(date +%%F).backup --data-dir /var/lib/pacer",
            "  PACER_DB_PASSWORD=… pacer backup --output pacer.backup --db-url jdbc:postgresql://db:5432/pacer",
            "",
            "Exit codes: 0 written, 2 bad usage (no store there, a table that is not Pacer's)."
        })
final class BackupCommand implements Callable<Integer> {

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE",
            description = "The backup file to write; replaced when it exists (no default: required).")
    Path output;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (Files.isDirectory(output)) {
            throw new UsageException("--output " + output + " is a directory; give a file name");
        }
        StoreConfig config = store.forReading();
        BackupManifest manifest;
        try {
            manifest = Backup.write(config, output, Clock.systemUTC());
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        spec.commandLine()
                .getOut()
                .println(String.format(
                        Locale.ROOT,
                        "backed up %s: %d tables, %d rows, schemas %s -> %s",
                        store.describe(),
                        manifest.tables().size(),
                        manifest.rows(),
                        manifest.schemas(),
                        output));
        return ExitCode.OK;
    }
}
