package io.pacer.verdict.readiness;

import com.sun.management.GcInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Builds a {@link ResourceSnapshot}: {@link #measure} for this host and JVM, {@link #given} for a target described
 * by flags ({@code --cpus 4 --memory 8g --heap 4g --gc G1 --disk /var/lib/kafka}).
 *
 * <p>Measured memory is the container's limit when the process runs under one (cgroup v2 {@code memory.max} or
 * v1 {@code memory.limit_in_bytes}, the tightest on the way to the root), else the host's physical memory. Recent
 * pauses are each stop-the-world collector's last collection ({@code GcInfo} of
 * {@code com.sun.management.GarbageCollectorMXBean}; concurrent cycles, which do not stop the application, are left
 * out), or — once {@link #recordPauses} has been called — every pause since, up to the last 100: they describe this
 * JVM, so they say most when readiness runs inside the service itself.
 */
public final class ResourceSnapshots {

    /** The collectors {@code --gc} names, as the JVM's flags spell them. */
    public static final List<String> GC_NAMES = List.of("G1", "ZGC", "Shenandoah", "Parallel", "Serial", "Epsilon");

    /** cgroup v1 reports "no limit" as a number near {@code Long.MAX_VALUE}; anything above this is none. */
    private static final long UNLIMITED = 1L << 60;

    private ResourceSnapshots() {}

    /**
     * Records this JVM's GC pauses from now on (up to the last 100), for {@link #measure} to report: call it when the
     * process starts. Idempotent.
     */
    public static void recordPauses() {
        PauseHistory.start();
    }

    /** This host and JVM, and the free space of {@code dirs} (a directory that does not exist yet: its parent's). */
    public static ResourceSnapshot measure(List<Path> dirs) {
        OptionalLong container = cgroupLimit(Path.of("/proc/self/cgroup"), Path.of("/sys/fs/cgroup"));
        long physical = physicalMemory();
        boolean limited = container.isPresent() && (physical < 0 || container.getAsLong() < physical);
        long memory = limited ? container.getAsLong() : physical;
        List<String> gcs = new ArrayList<>();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> gcs.add(gc.getName()));
        Map<String, Long> free = new LinkedHashMap<>();
        Map<String, Long> total = new LinkedHashMap<>();
        disks(dirs, free, total);
        return new ResourceSnapshot(
                "measured on " + hostName() + (limited ? " (container memory limit)" : " (physical memory)"),
                Runtime.getRuntime().availableProcessors(),
                memory,
                Runtime.getRuntime().maxMemory(),
                gcs,
                PauseHistory.pauses().isEmpty() ? lastPauses() : PauseHistory.pauses(),
                free,
                total,
                limited);
    }

    /**
     * A target described by flags; unknown parts are -1 (or null, or empty) and the rules that need them stay silent.
     *
     * @param cpus {@code --cpus}, or -1
     * @param memoryBytes {@code --memory} (the container limit or the machine's memory for the service), or -1
     * @param heapBytes {@code --heap} ({@code -Xmx}), or -1
     * @param gc {@code --gc}: one of {@link #GC_NAMES} (any case), or null
     * @param disks {@code --disk}: log or data directories on this host whose free space is checked
     * @throws IllegalArgumentException for a value out of range or an unknown collector, naming the flag
     */
    public static ResourceSnapshot given(int cpus, long memoryBytes, long heapBytes, String gc, List<Path> disks) {
        if (cpus != -1 && cpus < 1) {
            throw new IllegalArgumentException("--cpus must be >= 1, but was " + cpus);
        }
        if (memoryBytes != -1 && memoryBytes < 1) {
            throw new IllegalArgumentException("--memory must be > 0, but was " + memoryBytes);
        }
        if (heapBytes != -1 && heapBytes < 1) {
            throw new IllegalArgumentException("--heap must be > 0, but was " + heapBytes);
        }
        List<String> gcs = gc == null ? List.of() : List.of(collector(gc));
        Map<String, Long> free = new LinkedHashMap<>();
        Map<String, Long> total = new LinkedHashMap<>();
        disks(disks, free, total);
        return new ResourceSnapshot(
                "given by flags", cpus, memoryBytes, heapBytes, gcs, List.of(), free, total, memoryBytes > 0);
    }

    /**
     * A size flag's value in bytes: {@code 8g}, {@code 512m}, {@code 4GiB}, {@code 1.5g}, {@code 1073741824}
     * (binary multiples, as {@code -Xmx} and container limits count).
     *
     * @param flag the flag, for the message ({@code --memory})
     * @throws IllegalArgumentException naming the flag, the value and the accepted forms
     */
    public static long parseBytes(String flag, String text) {
        return Bytes.parse(flag, text);
    }

    /** {@code g1} as {@code G1}; an unknown name is refused with the list. */
    static String collector(String gc) {
        for (String name : GC_NAMES) {
            if (name.equalsIgnoreCase(gc.trim())) {
                return name;
            }
        }
        throw new IllegalArgumentException(
                "--gc must be one of " + String.join(", ", GC_NAMES) + ", but was '" + gc + "'");
    }

    /**
     * The tightest memory limit of this process's cgroup and its ancestors (v2 {@code memory.max}, v1
     * {@code memory.limit_in_bytes}); empty when there is none or the files cannot be read.
     *
     * @param procSelfCgroup {@code /proc/self/cgroup}
     * @param root where the cgroup file systems are mounted, {@code /sys/fs/cgroup}
     */
    static OptionalLong cgroupLimit(Path procSelfCgroup, Path root) {
        List<String> lines;
        try {
            lines = Files.readAllLines(procSelfCgroup, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        long tightest = Long.MAX_VALUE;
        for (String line : lines) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            boolean v2 = parts[0].equals("0") && parts[1].isEmpty();
            boolean v1 = List.of(parts[1].split(",")).contains("memory");
            if (!v1 && !v2) {
                continue;
            }
            Path base = v2 ? root : root.resolve("memory");
            String file = v2 ? "memory.max" : "memory.limit_in_bytes";
            String relative = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
            for (Path dir = relative.isEmpty() ? base : base.resolve(relative);
                    dir != null && dir.startsWith(base);
                    dir = dir.getParent()) {
                long limit = readLimit(dir.resolve(file));
                if (limit > 0 && limit < UNLIMITED) {
                    tightest = Math.min(tightest, limit);
                }
            }
        }
        return tightest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(tightest);
    }

    private static long readLimit(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.equals("max") ? -1 : Long.parseLong(text);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            return total > 0 ? total : -1;
        }
        return -1;
    }

    /** Each stop-the-world collector's last collection, in milliseconds, oldest first. */
    private static List<Double> lastPauses() {
        record Pause(long end, double millis) {}
        List<Pause> pauses = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!PauseHistory.isPause(gc.getName())) {
                continue; // concurrent work, not a pause
            }
            if (gc instanceof com.sun.management.GarbageCollectorMXBean sun) {
                GcInfo last = sun.getLastGcInfo();
                if (last != null) {
                    pauses.add(new Pause(last.getEndTime(), last.getDuration()));
                }
            }
        }
        return pauses.stream()
                .sorted(Comparator.comparingLong(Pause::end))
                .map(Pause::millis)
                .toList();
    }

    private static void disks(List<Path> dirs, Map<String, Long> free, Map<String, Long> total) {
        for (Path dir : dirs) {
            Path existing = dir.toAbsolutePath().normalize();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                continue;
            }
            try {
                FileStore store = Files.getFileStore(existing);
                free.put(dir.toString(), store.getUsableSpace());
                total.put(dir.toString(), store.getTotalSpace());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the free space of " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }
}
