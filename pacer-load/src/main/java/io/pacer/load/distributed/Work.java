package io.pacer.load.distributed;

import io.pacer.internal.Check;
import java.util.List;
import java.util.Objects;

/**
 * What a coordinator asks one worker to do: run {@code command} — the load command's own arguments, as the user
 * typed them minus the distribution options — with its {@code share} of the work. The worker builds the same driver
 * and workload the command builds locally, applies the share and runs the same engine.
 *
 * @param runId   the run this belongs to
 * @param worker  the worker it is for
 * @param command the command's words and options, e.g. {@code [kafka, produce, --bootstrap, b:9092, --rate, 300]}
 * @param share   the worker's part
 * @param version the coordinator's Pacer version; a worker of another version refuses the work naming both
 */
public record Work(String runId, String worker, List<String> command, Share share, String version) {
    public Work {
        Check.notBlank("runId", runId, "the coordinator's run id");
        Check.notBlank("worker", worker, "a worker name");
        command = List.copyOf(command);
        Check.argument(!command.isEmpty(), "command must name a load command, but was empty");
        Objects.requireNonNull(share, "share");
        Check.notBlank("version", version, "a Pacer version");
    }
}
