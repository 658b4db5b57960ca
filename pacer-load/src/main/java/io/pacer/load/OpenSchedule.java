package io.pacer.load;

import java.util.List;

/**
 * The intended start times of an open-model run: a linear ramp from 0 to the rate (operation k of the ramp starts
 * at {@code T·sqrt(k / (R·T/2))}, the integral of the climb), then the constant rate, then each step's rate from its
 * time on. Steps are timed from the end of the warm-up, which an automatic warm-up only knows when it happens, so
 * the caller passes that origin in ({@link #UNKNOWN} until then). Times are ns from the start of the run.
 * {@link #next} is for the pacing thread only; {@link #rateAt} reads nothing that changes, so any thread may ask.
 */
final class OpenSchedule implements Schedule.Timed {

    private final double rate;
    private final double rampNanos;
    private final double rampOperations;
    private final List<Pacing.Step> steps;
    private long next;
    private int nextStep;
    private boolean ramping;
    private double segmentStart;
    private double segmentIndex;
    private double segmentRate;

    OpenSchedule(Pacing.Open open) {
        rate = open.ratePerSecond();
        double ramp = open.rampUp().toNanos();
        ramping = rate * ramp / 2e9 >= 1; // a ramp shorter than one operation is no ramp
        rampNanos = ramping ? ramp : 0;
        rampOperations = rate * rampNanos / 2e9;
        steps = open.steps();
        segmentStart = ramping ? rampNanos : 0;
        segmentIndex = ramping ? rampOperations : 0;
        segmentRate = rate;
    }

    @Override
    public long next(long timelineOffset, long stepOrigin, long now) {
        return next(stepOrigin);
    }

    @Override
    public boolean hasTargetRate() {
        return true;
    }

    /** The offset of the next operation. */
    long next(long stepOrigin) {
        long k = next++;
        double t = ramping && k < rampOperations
                ? rampNanos * Math.sqrt(k / rampOperations)
                : segmentStart + (k - segmentIndex) * 1e9 / segmentRate;
        while (nextStep < steps.size() && stepOrigin != UNKNOWN) {
            double stepAt = stepOrigin + (double) steps.get(nextStep).at().toNanos();
            if (t < stepAt) {
                break;
            }
            ramping = false;
            segmentStart = stepAt;
            segmentIndex = k;
            segmentRate = steps.get(nextStep).ratePerSecond();
            nextStep++;
            t = stepAt;
        }
        return (long) t;
    }

    /** The rate the schedule asks for at {@code offset}, operations per second. */
    @Override
    public double rateAt(long offset, long stepOrigin) {
        double current = offset < rampNanos ? rate * offset / rampNanos : rate;
        if (stepOrigin == UNKNOWN) {
            return current;
        }
        for (Pacing.Step step : steps) {
            if (stepOrigin + step.at().toNanos() > offset) {
                break;
            }
            current = step.ratePerSecond();
        }
        return current;
    }
}
