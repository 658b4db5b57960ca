package io.pacer.verdict.readiness;

import java.util.Objects;

/**
 * One value a rule saw and where it saw it, so a reader can check the finding without rerunning anything.
 *
 * @param setting what was seen, as {@code key=value} or a measured figure ({@code acks=1}, {@code heap max 7.5 GiB})
 * @param where where it was seen: {@code producer.properties:12}, {@code topic orders}, {@code broker 1},
 *     {@code host}; "default" when the value is the client's default because the file does not set it
 */
public record Evidence(String setting, String where) {

    public Evidence {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(where, "where");
    }
}
