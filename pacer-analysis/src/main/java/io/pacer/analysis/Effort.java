package io.pacer.analysis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What carrying out a recommendation takes ({@code implementation_effort}): {@link #LOW} is one reversible action
 * Pacer can apply; {@link #HIGH} needs code or capacity changes by people.
 */
public enum Effort {
    LOW,
    MEDIUM,
    HIGH;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
