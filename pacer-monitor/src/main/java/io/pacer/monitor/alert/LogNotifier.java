package io.pacer.monitor.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Alerts in the log: one line per notification, WARN for a firing alert and INFO for a resolved one. */
final class LogNotifier implements Notifier {
    static final LogNotifier INSTANCE = new LogNotifier();
    private static final Logger LOG = LoggerFactory.getLogger("io.pacer.monitor.alert");

    private LogNotifier() {}

    @Override
    public void notify(AlertTransition t) {
        if (t.to() == AlertState.FIRING) {
            LOG.warn("alert {} {} {} on {}: {}", t.rule(), t.to(), t.severity(), t.series(), t.message());
        } else {
            LOG.info("alert {} {} on {}: {}", t.rule(), t.to(), t.series(), t.message());
        }
    }
}
