package io.pacer.verdict.readiness;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's stop-the-world GC pauses as they happen, from {@link GarbageCollectionNotificationInfo} notifications:
 * the most recent {@value #CAPACITY}, kept from the moment {@link #start} is first called. A service that runs
 * readiness on itself starts it early; the CLI starts it when it begins, so the history covers the run (the quick
 * bench included). Without it, {@link ResourceSnapshots#measure} falls back to each collector's last pause.
 */
final class PauseHistory {

    /** Pauses kept, newest last. */
    static final int CAPACITY = 100;

    private static final Deque<Double> PAUSES = new ArrayDeque<>();
    private static boolean started;

    private PauseHistory() {}

    /** Starts recording; later calls do nothing. */
    static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                if (isPause(info.getGcName())) {
                    record(info.getGcInfo().getDuration());
                }
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
    }

    /** Whether recording has started. */
    static synchronized boolean started() {
        return started;
    }

    /** The pauses recorded so far, in milliseconds, oldest first. */
    static synchronized List<Double> pauses() {
        return new ArrayList<>(PAUSES);
    }

    /** Whether a collector of this name stops the application (concurrent cycles do not). */
    static boolean isPause(String gcName) {
        String name = gcName.toLowerCase(Locale.ROOT);
        return !name.contains("cycles") && !name.contains("concurrent");
    }

    private static synchronized void record(double millis) {
        if (PAUSES.size() == CAPACITY) {
            PAUSES.removeFirst();
        }
        PAUSES.addLast(millis);
    }
}
