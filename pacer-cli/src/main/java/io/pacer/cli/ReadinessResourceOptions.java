package io.pacer.cli;

import io.pacer.verdict.readiness.ResourceSnapshot;
import io.pacer.verdict.readiness.ResourceSnapshots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code pacer readiness}'s description of the machine the service will run on: given by flags for a target that
 * is elsewhere, or measured with {@code --this-host}. Not measured by default, so a CI machine's own figures never
 * become findings about a production host.
 */
final class ReadinessResourceOptions {

    @Option(
            names = "--this-host",
            description = "Check the resources of this host and JVM (memory limit, heap, GC and its recent pauses,"
                    + " CPUs, free disk of --disk) (default: off).")
    boolean thisHost;

    @Option(names = "--cpus", paramLabel = "N", description = "The target's CPU count (default: not stated).")
    Integer cpus;

    @Option(
            names = "--memory",
            paramLabel = "SIZE",
            description = "The target's memory for the service, e.g. 8g: its container limit (default: not stated).")
    String memory;

    @Option(
            names = "--heap",
            paramLabel = "SIZE",
            description = "The target's maximum heap (-Xmx), e.g. 4g (default: not stated).")
    String heap;

    @Option(
            names = "--gc",
            paramLabel = "NAME",
            description = "The target's garbage collector: G1, ZGC, Shenandoah, Parallel, Serial or Epsilon"
                    + " (default: not stated).")
    String gc;

    @Option(
            names = "--disk",
            paramLabel = "DIR",
            description = "A log or data directory whose free space is checked; repeatable (default: none).")
    List<Path> disks = new ArrayList<>();

    /** The snapshot these flags describe, or null when none was given (the resources category is not checked). */
    ResourceSnapshot snapshot() {
        boolean given = cpus != null || memory != null || heap != null || gc != null;
        try {
            if (thisHost) {
                if (given) {
                    throw new UsageException(
                            "--this-host measures this machine: drop --cpus, --memory, --heap and --gc, or drop"
                                    + " --this-host to describe another one");
                }
                return ResourceSnapshots.measure(disks);
            }
            if (!given && disks.isEmpty()) {
                return null;
            }
            return ResourceSnapshots.given(
                    cpus == null ? -1 : cpus,
                    memory == null ? -1 : ResourceSnapshots.parseBytes("--memory", memory),
                    heap == null ? -1 : ResourceSnapshots.parseBytes("--heap", heap),
                    gc,
                    disks);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
