package io.pacer.analysis.trend;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a metric is heading, judged by whether it is good for it to rise; JSON in lower case. */
public enum Direction {
    IMPROVING,
    STABLE,
    DEGRADING;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
