package io.pacer.analysis.action.postgres;

import io.pacer.analysis.action.ActionExecutor;
import java.time.Duration;

/**
 * The PostgreSQL executors: {@code postgres.index} ({@code CREATE INDEX CONCURRENTLY} under a Pacer name, reverted with
 * {@code DROP INDEX CONCURRENTLY}) and {@code postgres.setting} ({@code ALTER SYSTEM SET} + {@code pg_reload_conf()}
 * for settings that reload without a restart). Their target is the PostgreSQL URL as the monitor takes it; neither
 * is {@linkplain io.pacer.analysis.action.Plan#safe safe} for unattended use — an index build costs I/O and disk, and
 * a server-wide setting is a decision for a person.
 */
public final class PostgresExecutors {

    /** How long reading the state and checking a plan may take. */
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(10);
    /** How long an index build may take before it is cancelled (and its invalid leftover dropped). */
    public static final Duration DEFAULT_BUILD_TIMEOUT = Duration.ofHours(1);

    private PostgresExecutors() {}

    /** {@code postgres.index} with the default timeouts. */
    public static ActionExecutor index() {
        return index(DEFAULT_CHECK_TIMEOUT, DEFAULT_BUILD_TIMEOUT);
    }

    /** {@code postgres.index}: checks bounded by {@code checkTimeout}, the build and the drop by {@code buildTimeout}. */
    public static ActionExecutor index(Duration checkTimeout, Duration buildTimeout) {
        return new PostgresIndexExecutor(checkTimeout, buildTimeout);
    }

    /** {@code postgres.setting} with the default timeout. */
    public static ActionExecutor setting() {
        return setting(DEFAULT_CHECK_TIMEOUT);
    }

    /** {@code postgres.setting}, each statement bounded by {@code timeout}. */
    public static ActionExecutor setting(Duration timeout) {
        return new PostgresSettingExecutor(timeout);
    }
}
