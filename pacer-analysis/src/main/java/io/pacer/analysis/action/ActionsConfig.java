package io.pacer.analysis.action;

import io.pacer.internal.Check;
import java.time.Duration;

/**
 * How the service runs actions. Auto-optimisation (seed 002's {@code ENABLE_AUTO_OPTIMIZATION} and
 * {@code OPTIMIZATION_CHECK_INTERVAL}) is off by default; when on, it applies only plans marked
 * {@linkplain Plan#safe() safe}, at most {@code changesPerHour} of them, each verified and reverted on degradation.
 *
 * @param autoOptimize whether auto-optimisation runs (default false)
 * @param checkInterval how often auto-optimisation looks for safe recommendations (default 300 s)
 * @param changesPerHour the change budget: auto-applied actions in any rolling hour (default 2)
 * @param planTtl how long a plan can be applied by its id after it was made (default 15 min)
 * @param verifyWindow the verification window when a plan's {@link Verification} does not set one (default 5 min)
 */
public record ActionsConfig(
        boolean autoOptimize, Duration checkInterval, int changesPerHour, Duration planTtl, Duration verifyWindow) {

    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(300);
    public static final int DEFAULT_CHANGES_PER_HOUR = 2;
    public static final Duration DEFAULT_PLAN_TTL = Duration.ofMinutes(15);

    public ActionsConfig {
        Check.duration("optimization check interval", checkInterval, Duration.ofSeconds(1), Duration.ofDays(1));
        Check.range("changes per hour", changesPerHour, 1, 60);
        Check.duration("plan ttl", planTtl, Duration.ofSeconds(10), Duration.ofDays(1));
        Check.duration("verify window", verifyWindow, Duration.ofSeconds(1), Duration.ofDays(1));
    }

    public static ActionsConfig ofDefaults() {
        return new ActionsConfig(
                false, DEFAULT_CHECK_INTERVAL, DEFAULT_CHANGES_PER_HOUR, DEFAULT_PLAN_TTL, Verification.DEFAULT_WINDOW);
    }
}
