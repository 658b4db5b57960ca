package io.pacer.server.monitor;

import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.Alert;
import io.pacer.monitor.alert.AlertEngine;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.alert.Evaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The alert engine of an instance that evaluates only while {@code evaluating} says so — the instance holding the
 * evaluator lock when several share one database, so that alerts fire once. While it may not, samples are dropped
 * and nothing is evaluated, but {@link #active()} mirrors the alerts the shared history holds open — those the
 * evaluating instance recorded, read again every {@link #RECHECK} — so every instance shows the same alerts and
 * scores its health with them. When it may evaluate again, a new engine is built, which takes up the alerts the
 * history holds open without notifying again. Evaluator-thread only, as every engine.
 */
final class GatedEngine implements AlertEngine {

    /** How soon a gated instance asks again whether it may evaluate. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private final Supplier<AlertEngine> build;
    private final List<AlertRule> rules;
    private volatile BooleanSupplier evaluating = () -> true;
    private AlertEngine current;
    private List<Alert> mirrored = List.of();
    private Instant mirroredAt;

    GatedEngine(Supplier<AlertEngine> build) {
        this.current = build.get();
        this.rules = current.rules();
        this.build = build;
    }

    void evaluateWhile(BooleanSupplier gate) {
        this.evaluating = gate;
    }

    @Override
    public Evaluation evaluate(List<Sample> samples, Instant now) {
        if (!evaluating.getAsBoolean()) {
            current = null;
            mirror(now);
            return new Evaluation(List.of(), List.of(), RECHECK);
        }
        if (current == null) {
            current = build.get();
        }
        return current.evaluate(samples, now);
    }

    /** At most every {@link #RECHECK}: the open alerts of the history, as an engine built now would take them up. */
    private void mirror(Instant now) {
        if (mirroredAt != null && now.isBefore(mirroredAt.plus(RECHECK))) {
            return;
        }
        mirroredAt = now;
        try {
            mirrored = build.get().active();
        } catch (RuntimeException e) {
            // the database is away: keep showing what it last said; leadership is being lost or retried meanwhile
        }
    }

    @Override
    public List<Alert> active() {
        return current == null ? mirrored : current.active();
    }

    @Override
    public List<AlertRule> rules() {
        return rules;
    }

    @Override
    public List<AlertRule> rulesWithoutData() {
        return current == null ? List.of() : current.rulesWithoutData();
    }
}
