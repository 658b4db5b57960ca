package io.pacer.monitor.store;

import io.pacer.metrics.Histograms;
import io.pacer.monitor.Sample;
import java.util.Map;

/** What the schema can hold: the column sizes of {@code V1__history_store.sql} and values SQLite keeps as given. */
final class SampleLimits {

    static final int MAX_NAME = 255;
    static final int MAX_LABELS_JSON = 4_000;

    private SampleLimits() {}

    /** Why {@code sample} cannot be stored, or null when it can. */
    static String problem(Sample sample) {
        if (!Double.isFinite(sample.value())) {
            return "value must be finite, but was " + sample.value();
        }
        if (sample.name().length() > MAX_NAME) {
            return "name must be at most " + MAX_NAME + " characters, but was "
                    + sample.name().length();
        }
        int estimate = 2;
        for (Map.Entry<String, String> e : sample.labels().entrySet()) {
            estimate += e.getKey().length() + e.getValue().length() + 6;
        }
        if (estimate * 6 > MAX_LABELS_JSON) { // JSON escapes a character in at most 6: measure when it might not fit
            int length = SeriesIds.labelsJson(sample.labels()).length();
            if (length > MAX_LABELS_JSON) {
                return "labels must be at most " + MAX_LABELS_JSON + " characters as JSON, but were " + length;
            }
        }
        if (sample.histogram() != null) {
            try {
                Histograms.decode(sample.histogram());
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return null;
    }
}
