package io.pacer.monitor.collect;

import io.pacer.monitor.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One collection's samples being gathered: all at the same {@code now}, all carrying the collector's own labels
 * (such as {@code target}). A value that is not finite (an unavailable reading) is left out rather than stored.
 */
final class Samples {
    private final Instant now;
    private final Map<String, String> labels;
    private final List<Sample> list = new ArrayList<>();

    Samples(Instant now, Map<String, String> labels) {
        this.now = now;
        this.labels = Map.copyOf(labels);
    }

    Samples add(String name, double value) {
        return add(name, value, Map.of(), null);
    }

    Samples add(String name, double value, String label, String labelValue) {
        return add(name, value, Map.of(label, labelValue), null);
    }

    Samples add(String name, double value, Map<String, String> more, String histogram) {
        if (Double.isFinite(value)) {
            Map<String, String> all = labels;
            if (!more.isEmpty()) {
                all = new HashMap<>(labels);
                all.putAll(more);
            }
            list.add(new Sample(name, all, now, value, histogram));
        }
        return this;
    }

    List<Sample> list() {
        return list;
    }
}
