package io.pacer.monitor.alert;

/** How bad a breached threshold is; {@link #CRITICAL} outranks {@link #WARNING}. */
public enum Severity {
    WARNING,
    CRITICAL
}
