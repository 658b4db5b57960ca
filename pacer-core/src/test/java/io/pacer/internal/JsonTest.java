package io.pacer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Stamped(String id, Instant at) {}

    private static final Stamped VALUE = new Stamped("a", Instant.parse("2026-01-31T12:00:00.123Z"));

    @Test
    void instantsAreIsoStringsInDocumentsAndValues() throws Exception {
        assertThat(Json.valueWriter(Stamped.class).writeValueAsString(VALUE))
                .isEqualTo("{\"id\":\"a\",\"at\":\"2026-01-31T12:00:00.123Z\"}");
        assertThat(Json.documentWriter().writeValueAsString(VALUE))
                .isEqualTo("{\n  \"id\" : \"a\",\n  \"at\" : \"2026-01-31T12:00:00.123Z\"\n}");
        assertThat(Json.valueReader(Stamped.class)
                        .<Stamped>readValue("{\"id\":\"a\",\"at\":\"2026-01-31T12:00:00.123Z\"}"))
                .isEqualTo(VALUE);
        assertThatThrownBy(() -> Json.valueReader(Stamped.class).readValue("{\"id\":\"a\",\"at\":\"yesterday\"}"))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }

    record Timed(Duration window) {}

    @Test
    void durationsAreIsoStrings() throws Exception {
        Timed value = new Timed(Duration.ofMinutes(5).plusMillis(250));
        assertThat(Json.valueWriter(Timed.class).writeValueAsString(value)).isEqualTo("{\"window\":\"PT5M0.25S\"}");
        assertThat(Json.valueReader(Timed.class).<Timed>readValue("{\"window\":\"PT5M0.25S\"}"))
                .isEqualTo(value);
        assertThatThrownBy(() -> Json.valueReader(Timed.class).readValue("{\"window\":\"5 minutes\"}"))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("not an ISO-8601 duration such as PT5M");
    }

    @Test
    void documentsIgnoreUnknownFieldsWhileValuesKeepJacksonsStrictness() throws Exception {
        String newer = "{\"id\":\"a\",\"at\":\"2026-01-31T12:00:00.123Z\",\"addedLater\":1}";
        assertThat(Json.documentReader().forType(Stamped.class).<Stamped>readValue(newer))
                .isEqualTo(VALUE);
        assertThatThrownBy(() -> Json.valueReader(Stamped.class).readValue(newer))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }
}
