package io.pacer.monitor.alert;

/**
 * Where one alert (one rule on one series) is in its lifecycle. The legal transitions:
 *
 * <pre>
 *   INACTIVE ─breach─▶ PENDING ─held for `for`─▶ FIRING ─cleared past hysteresis─▶ RESOLVED
 *       ▲                 │                        │ ▲ severity changes stay FIRING
 *       └──── cleared ────┘                        └─┘
 * </pre>
 *
 * RESOLVED is where an alert ends; the next breach of the same series starts again at PENDING. INACTIVE is never an
 * alert's state in {@link AlertEngine#active()}; it appears in history only as the target of a pending alert that
 * cleared before it fired.
 */
public enum AlertState {
    INACTIVE,
    PENDING,
    FIRING,
    RESOLVED
}
