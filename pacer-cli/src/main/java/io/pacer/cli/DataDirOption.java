package io.pacer.cli;

import io.pacer.internal.DataDirectory;
import io.pacer.verdict.baseline.BaselineStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where Pacer keeps baselines (and the monitoring store); one resolution for every command. */
final class DataDirOption {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where baselines are kept (default: $" + DataDirectory.ENVIRONMENT_VARIABLE + ", else ~/"
                    + DataDirectory.DEFAULT_NAME + ").")
    Path dataDir;

    /** The baselines under the resolved data directory. */
    BaselineStore baselines() {
        return new BaselineStore(DataDirectory.resolve(dataDir));
    }
}
