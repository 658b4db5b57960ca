package io.pacer.monitor.collect;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JVM's memory, GC, threads and classes: Pacer's own through its platform MBean server, or another through JMX
 * ({@code --jmx host:port}, the RMI connector a JVM started with {@code -Dcom.sun.management.jmxremote.port} serves).
 * Both read the same platform MXBeans, so the samples are the same; they carry {@code target=self} or
 * {@code target=host:port}.
 *
 * <p>The longest GC pause of each interval comes from the JVM's GC notifications ({@code com.sun.management}), which
 * report every collection — polling {@code LastGcInfo} would miss all but the last. For a concurrent collector (G1's
 * concurrent cycle, ZGC, Shenandoah) the reported duration is the cycle's, as the JVM reports it. Where the
 * notifications are not available the series is left out rather than guessed.
 *
 * <p>A remote JVM that cannot be reached fails the collection; the next one connects again.
 */
final class JvmCollector implements Collector {
    private static final String GC_PATTERN = "java.lang:type=GarbageCollector,*";
    /** JNDI's RMI registry context takes the sockets for the registry lookup from here (jdk.naming.rmi). */
    private static final String REGISTRY_SOCKETS = "com.sun.jndi.rmi.factory.socket";

    private final String name;
    private final String target;
    private final Duration interval;
    private final JMXServiceURL url;
    private final int timeoutMillis;
    private final Map<String, Double> maxPauseSeconds = new ConcurrentHashMap<>();
    private final NotificationListener listener = this::onNotification;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile JMXConnector connector;
    private MBeanServerConnection connection;
    private List<ObjectName> listeningTo = List.of();

    /** Pacer's own JVM. */
    JvmCollector(Duration interval) {
        this("jvm", "self", interval, null);
    }

    /** A JVM serving JMX over RMI on {@code host:port}. */
    JvmCollector(HostPort address, Duration interval) {
        this("jvm:" + address, address.toString(), interval, serviceUrl(address));
    }

    private JvmCollector(String name, String target, Duration interval, JMXServiceURL url) {
        this.name = name;
        this.target = target;
        this.interval = interval;
        this.url = url;
        this.timeoutMillis = (int) Math.min(interval.toMillis(), CollectorRunner.DEFAULT_TIMEOUT.toMillis());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<Sample> collect(Instant now) throws IOException {
        lock.lock();
        try {
            return read(connected(), new Samples(now, Map.of("target", target)));
        } catch (IOException | RuntimeException e) {
            disconnect();
            if (url == null) {
                throw e;
            }
            throw new IOException("JMX " + url + ": " + Failures.reason(e), e);
        } finally {
            lock.unlock();
        }
    }

    private List<Sample> read(MBeanServerConnection c, Samples s) throws IOException {
        MemoryMXBean memory = ManagementFactory.getPlatformMXBean(c, MemoryMXBean.class);
        usage(s, "jvm.memory.heap", memory.getHeapMemoryUsage());
        usage(s, "jvm.memory.nonheap", memory.getNonHeapMemoryUsage());
        for (GarbageCollectorMXBean gc : ManagementFactory.getPlatformMXBeans(c, GarbageCollectorMXBean.class)) {
            String gcName = gc.getName();
            s.add("jvm.gc.collections.total", gc.getCollectionCount(), "gc", gcName);
            s.add("jvm.gc.time.seconds.total", gc.getCollectionTime() / 1000.0, "gc", gcName);
            if (!listeningTo.isEmpty()) {
                Double max = maxPauseSeconds.remove(gcName);
                s.add("jvm.gc.pause.max.seconds", max == null ? 0 : max, "gc", gcName);
            }
        }
        ThreadMXBean threads = ManagementFactory.getPlatformMXBean(c, ThreadMXBean.class);
        s.add("jvm.threads.live", threads.getThreadCount());
        s.add("jvm.threads.daemon", threads.getDaemonThreadCount());
        s.add("jvm.threads.peak", threads.getPeakThreadCount());
        ClassLoadingMXBean classes = ManagementFactory.getPlatformMXBean(c, ClassLoadingMXBean.class);
        s.add("jvm.classes.loaded", classes.getLoadedClassCount());
        s.add("jvm.classes.unloaded.total", classes.getUnloadedClassCount());
        s.add(
                "jvm.uptime.seconds",
                ManagementFactory.getPlatformMXBean(c, java.lang.management.RuntimeMXBean.class)
                                .getUptime()
                        / 1000.0);
        java.lang.management.OperatingSystemMXBean os =
                ManagementFactory.getPlatformMXBean(c, java.lang.management.OperatingSystemMXBean.class);
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            s.add("jvm.cpu.process.ratio", hotspot.getProcessCpuLoad()); // negative: not yet known, left out below
        }
        return s.list().stream().filter(x -> x.value() >= 0).toList();
    }

    private static void usage(Samples s, String prefix, MemoryUsage usage) {
        s.add(prefix + ".used.bytes", usage.getUsed());
        s.add(prefix + ".committed.bytes", usage.getCommitted());
        if (usage.getMax() >= 0) {
            s.add(prefix + ".max.bytes", usage.getMax());
        }
    }

    private MBeanServerConnection connected() throws IOException {
        if (connection == null) {
            if (url == null) {
                connection = ManagementFactory.getPlatformMBeanServer();
            } else {
                connector =
                        JMXConnectorFactory.connect(url, Map.of(REGISTRY_SOCKETS, new TimeoutSockets(timeoutMillis)));
                connection = connector.getMBeanServerConnection();
            }
            listeningTo = listen(connection);
        }
        return connection;
    }

    /** Subscribes to every collector's GC notifications; none where {@code com.sun.management} is missing. */
    private List<ObjectName> listen(MBeanServerConnection c) throws IOException {
        List<ObjectName> subscribed = new ArrayList<>();
        try {
            GarbageCollectionNotificationInfo.class.getName(); // fails on a JDK without com.sun.management
            for (ObjectName gc : c.queryNames(new ObjectName(GC_PATTERN), null)) {
                c.addNotificationListener(gc, listener, null, null);
                subscribed.add(gc);
            }
        } catch (NoClassDefFoundError | javax.management.JMException e) {
            return List.of();
        }
        return List.copyOf(subscribed);
    }

    private void onNotification(Notification notification, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())
                && notification.getUserData() instanceof CompositeData data) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(data);
            maxPauseSeconds.merge(info.getGcName(), info.getGcInfo().getDuration() / 1000.0, Math::max);
        }
    }

    private void disconnect() {
        MBeanServerConnection c = connection;
        connection = null;
        if (c != null) {
            for (ObjectName gc : listeningTo) {
                try {
                    c.removeNotificationListener(gc, listener);
                } catch (Exception e) {
                    // the connection is gone or the bean unregistered: nothing left to remove
                }
            }
        }
        listeningTo = List.of();
        maxPauseSeconds.clear();
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException e) {
                // already broken
            }
            connector = null;
        }
    }

    /**
     * Closes the JMX connection at once — which also ends a collection stuck reading from it — then removes the GC
     * listeners unless a collection still holds the collector after a second.
     */
    @Override
    public void close() throws IOException {
        JMXConnector open = connector;
        if (open != null) {
            open.close();
        }
        try {
            if (lock.tryLock(1, TimeUnit.SECONDS)) {
                try {
                    disconnect();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sockets for the RMI registry lookup that give up after the collection's timeout: without them a port that
     * accepts but never answers would hold the collection's thread for good, since RMI reads are not interruptible.
     */
    private record TimeoutSockets(int timeoutMillis) implements RMIClientSocketFactory, Serializable {
        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), timeoutMillis);
                socket.setSoTimeout(timeoutMillis);
                return socket;
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }
    }

    private static JMXServiceURL serviceUrl(HostPort address) {
        try {
            return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + address + "/jmxrmi");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("no JMX URL for " + address + ": " + e.getMessage(), e);
        }
    }
}
