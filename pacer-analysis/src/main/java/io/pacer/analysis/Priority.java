package io.pacer.analysis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How soon a recommendation should be acted on; JSON {@code "low"} … {@code "critical"} as in seed 002. */
public enum Priority {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
