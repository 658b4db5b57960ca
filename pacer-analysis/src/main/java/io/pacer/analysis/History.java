package io.pacer.analysis;

import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.Series;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A window of the monitoring history, as detectors and trend analysis read it: every series of a name (optionally
 * matching labels) with its points in {@code [from, to)}. Reads are cached per query for the life of one analysis, so
 * twenty detectors asking for {@code host.cpu.usage.ratio} cost one query.
 */
public interface History {

    /** The window's first instant, inclusive. */
    Instant from();

    /** The window's end, exclusive: the analysis's {@code now}. */
    Instant to();

    /** Every series named {@code name} in the window, at the resolution the window's length calls for; may be empty. */
    List<Series> series(String name);

    /** The series named {@code name} whose labels include all of {@code labels}. */
    List<Series> series(String name, Map<String, String> labels);

    /** Every series name the store holds (detectors of scraped application meters look theirs up by prefix). */
    List<String> names();

    /** This history over another window (a baseline before the window, or a shorter recent part of it). */
    History window(Instant from, Instant to);

    /** The window {@code [from, to)} of {@code store}. */
    static History of(MetricStore store, Instant from, Instant to) {
        return new StoreHistory(store, from, to);
    }

    /** A history of given series (synthetic histories in tests; points outside the window are left out). */
    static History of(List<Series> series, Instant from, Instant to) {
        return new FixedHistory(series, from, to);
    }
}
