package io.pacer.load.distributed;

import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.Outcome;
import io.pacer.load.RecordAccounting;
import io.pacer.load.Timeline;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The command's own driver, doing one share of the work: each call's user and sequence become the whole run's
 * ({@code userFrom + user}, {@link Share#slice()}'s id), so user numbers, {@code {{seq}}} values and stream ids never
 * collide across workers. A driver that replays a capture ({@link Timeline}) replays this share's records only:
 * record {@code k} of the capture belongs to share {@code k mod count}, at its recorded time.
 *
 * <p>{@link #prepare()} opens the driver before the common start instant, so that connecting does not eat into the
 * run; the engine's own {@link #open()} is then a no-op.
 */
class SharedDriver implements Driver {

    private final Driver driver;
    private final Share share;

    SharedDriver(Driver driver, Share share) {
        this.driver = driver;
        this.share = share;
    }

    /**
     * {@code driver} doing {@code share}'s work, a {@link Timeline} when it is one: replaying every {@code count}-th
     * record of a shared input, or all of {@code ownInput} (a split capture file of this share's own).
     */
    static SharedDriver of(Driver driver, Share share, boolean ownInput) {
        if (driver instanceof Timeline) {
            return ownInput
                    ? new SharedTimeline(driver, share, 1, 0)
                    : new SharedTimeline(driver, share, share.count(), share.index());
        }
        return new SharedDriver(driver, share);
    }

    /** Opens the command's driver. */
    void prepare() throws Exception {
        driver.open();
    }

    @Override
    public void open() {
        // opened by prepare(), before the start instant
    }

    @Override
    public CompletionStage<Outcome> start(Call call) {
        return driver.start(
                new Call(share.userFrom() + call.user(), share.slice().id(call.sequence()), call.intendedStartNanos()));
    }

    @Override
    public Map<String, Double> gauges() {
        return driver.gauges();
    }

    @Override
    public Map<String, Double> summary() {
        return driver.summary();
    }

    @Override
    public Optional<RecordAccounting> accounting() {
        return driver.accounting();
    }

    @Override
    public String describe() {
        return driver.describe();
    }

    @Override
    public void close() throws Exception {
        driver.close();
    }

    /** A replaying driver's share: every {@code every}-th record from {@code first}. */
    static final class SharedTimeline extends SharedDriver implements Timeline {
        private final Timeline timeline;
        private final int every;
        private final int first;
        private long record;

        SharedTimeline(Driver driver, Share share, int every, int first) {
            super(driver, share);
            this.timeline = (Timeline) driver;
            this.every = every;
            this.first = first;
        }

        @Override
        public long nextOffsetNanos() {
            while (true) {
                long offset = timeline.nextOffsetNanos();
                if (offset == END || record++ % every == first) {
                    return offset;
                }
            }
        }
    }
}
