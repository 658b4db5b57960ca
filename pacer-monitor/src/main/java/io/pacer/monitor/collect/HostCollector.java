package io.pacer.monitor.collect;

import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.hardware.VirtualMemory;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * The machine Pacer runs on, through OSHI: CPU (total and per core), load averages, memory and swap, disk usage per
 * mount, disk and network rates per device, process and TCP connection counts. Names in {@code docs/metrics.md}.
 *
 * <p>CPU usage and the rates are differences between two readings, so the collector keeps the previous reading: the
 * first collection yields them against the reading taken when the collector was made, later ones against the
 * previous collection. OSHI keeps a CPU reading for 300 ms, so a collection less than that after the previous one
 * may have no new ticks and then yields no CPU usage (never a made-up 0). Mounts, disks and interfaces are listed once, when the collector is made: OSHI lists file
 * systems by running {@code lsblk} once per mount, too costly for every collection, so usage per mount is read from
 * the JDK's {@link FileStore} ({@code statvfs}) instead.
 */
final class HostCollector implements Collector {
    private static final int IDLE = TickType.IDLE.getIndex();
    private static final int IOWAIT = TickType.IOWAIT.getIndex();
    private static final int STEAL = TickType.STEAL.getIndex();

    private final Duration interval;
    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final OperatingSystem os;
    private final List<HWDiskStore> disks;
    private final List<NetworkIF> interfaces;
    private final Map<String, long[]> previousCounters = new HashMap<>();
    private final Map<String, FileStore> mounts = new TreeMap<>();
    private long[] previousTicks;
    private long[][] previousCoreTicks;

    HostCollector(Duration interval) {
        this.interval = interval;
        SystemInfo system = new SystemInfo();
        HardwareAbstractionLayer hardware = system.getHardware();
        this.cpu = hardware.getProcessor();
        this.memory = hardware.getMemory();
        this.os = system.getOperatingSystem();
        this.disks = hardware.getDiskStores();
        this.interfaces = hardware.getNetworkIFs();
        for (OSFileStore store : os.getFileSystem().getFileStores(true)) {
            try {
                mounts.put(store.getMount(), Files.getFileStore(Path.of(store.getMount())));
            } catch (IOException | RuntimeException e) {
                // not accessible to this process: left out
            }
        }
        this.previousTicks = cpu.getSystemCpuLoadTicks();
        this.previousCoreTicks = cpu.getProcessorCpuLoadTicks();
        rates(disks.stream().map(HostCollector::diskCounters).toList(), null);
        rates(interfaces.stream().map(HostCollector::interfaceCounters).toList(), null);
    }

    @Override
    public String name() {
        return "host";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public synchronized List<Sample> collect(Instant now) {
        Samples s = new Samples(now, Map.of());
        cpu(s);
        memory(s);
        mounts.forEach((mount, store) -> {
            try {
                long total = store.getTotalSpace();
                if (total > 0) {
                    long used = total - store.getUnallocatedSpace();
                    s.add("host.disk.total.bytes", total, "mount", mount);
                    s.add("host.disk.used.bytes", used, "mount", mount);
                    s.add("host.disk.used.ratio", (double) used / total, "mount", mount);
                }
            } catch (IOException e) {
                // unmounted since the collector was made: nothing to report for it
            }
        });
        disks.forEach(HWDiskStore::updateAttributes);
        rates(disks.stream().map(HostCollector::diskCounters).toList(), s);
        interfaces.forEach(NetworkIF::updateAttributes);
        rates(interfaces.stream().map(HostCollector::interfaceCounters).toList(), s);
        for (NetworkIF nic : interfaces) {
            s.add("host.network.receive.errors.total", nic.getInErrors(), "interface", nic.getName());
            s.add("host.network.transmit.errors.total", nic.getOutErrors(), "interface", nic.getName());
            s.add("host.network.receive.drops.total", nic.getInDrops(), "interface", nic.getName());
        }
        s.add("host.processes", os.getProcessCount());
        s.add("host.threads", os.getThreadCount());
        InternetProtocolStats ip = os.getInternetProtocolStats();
        s.add(
                "host.tcp.connections.established",
                ip.getTCPv4Stats().getConnectionsEstablished()
                        + ip.getTCPv6Stats().getConnectionsEstablished());
        return s.list();
    }

    private void cpu(Samples s) {
        long[] ticks = cpu.getSystemCpuLoadTicks();
        long total = sum(ticks) - sum(previousTicks);
        if (total > 0) {
            long idle = ticks[IDLE] + ticks[IOWAIT] - previousTicks[IDLE] - previousTicks[IOWAIT];
            s.add("host.cpu.usage.ratio", (double) (total - idle) / total);
            s.add("host.cpu.iowait.ratio", (double) (ticks[IOWAIT] - previousTicks[IOWAIT]) / total);
            s.add("host.cpu.steal.ratio", (double) (ticks[STEAL] - previousTicks[STEAL]) / total);
        }
        previousTicks = ticks;
        long[][] cores = cpu.getProcessorCpuLoadTicks();
        for (int core = 0; core < cores.length && core < previousCoreTicks.length; core++) {
            long[] now = cores[core];
            long[] before = previousCoreTicks[core];
            long coreTotal = sum(now) - sum(before);
            if (coreTotal > 0) {
                long idle = now[IDLE] + now[IOWAIT] - before[IDLE] - before[IOWAIT];
                s.add("host.cpu.core.usage.ratio", (double) (coreTotal - idle) / coreTotal, "core", "" + core);
            }
        }
        previousCoreTicks = cores;
        s.add("host.cpu.cores", cpu.getLogicalProcessorCount());
        double[] load = cpu.getSystemLoadAverage(3);
        String[] names = {"host.load.1m", "host.load.5m", "host.load.15m"};
        for (int i = 0; i < load.length; i++) {
            if (load[i] >= 0) { // negative: not available on this OS
                s.add(names[i], load[i]);
            }
        }
    }

    private void memory(Samples s) {
        long total = memory.getTotal();
        long used = total - memory.getAvailable();
        s.add("host.memory.total.bytes", total);
        s.add("host.memory.used.bytes", used);
        s.add("host.memory.available.bytes", memory.getAvailable());
        s.add("host.memory.used.ratio", total > 0 ? (double) used / total : Double.NaN);
        VirtualMemory swap = memory.getVirtualMemory();
        s.add("host.swap.total.bytes", swap.getSwapTotal());
        s.add("host.swap.used.bytes", swap.getSwapUsed());
        if (swap.getSwapTotal() > 0) {
            s.add("host.swap.used.ratio", (double) swap.getSwapUsed() / swap.getSwapTotal());
        }
    }

    /** Per-second rates of each device's counters since the previous reading; {@code s} null only records. */
    private void rates(List<Counters> readings, Samples s) {
        for (Counters c : readings) {
            String key = c.label + "=" + c.device;
            long[] before = previousCounters.put(key, c.values);
            if (s == null || before == null || c.values[0] <= before[0]) {
                continue;
            }
            double seconds = (c.values[0] - before[0]) / 1000.0;
            for (int i = 1; i < c.values.length; i++) {
                long delta = c.values[i] - before[i];
                if (delta >= 0) { // a counter that went back (device reset) yields nothing this time
                    s.add(c.names[i], delta / seconds, c.label, c.device);
                }
            }
        }
    }

    /** A device's cumulative counters: {@code values[0]} the reading's time in ms, then one per name. */
    private record Counters(String label, String device, String[] names, long[] values) {}

    private static final String[] DISK_RATES = {
        "", "host.disk.read.bytes.rate", "host.disk.write.bytes.rate", "host.disk.reads.rate", "host.disk.writes.rate"
    };
    private static final String[] NETWORK_RATES = {
        "",
        "host.network.receive.bytes.rate",
        "host.network.transmit.bytes.rate",
        "host.network.receive.packets.rate",
        "host.network.transmit.packets.rate"
    };

    private static Counters diskCounters(HWDiskStore d) {
        return new Counters("disk", d.getName(), DISK_RATES, new long[] {
            d.getTimeStamp(), d.getReadBytes(), d.getWriteBytes(), d.getReads(), d.getWrites()
        });
    }

    private static Counters interfaceCounters(NetworkIF n) {
        return new Counters("interface", n.getName(), NETWORK_RATES, new long[] {
            n.getTimeStamp(), n.getBytesRecv(), n.getBytesSent(), n.getPacketsRecv(), n.getPacketsSent()
        });
    }

    private static long sum(long[] ticks) {
        long sum = 0;
        for (long t : ticks) {
            sum += t;
        }
        return sum;
    }
}
