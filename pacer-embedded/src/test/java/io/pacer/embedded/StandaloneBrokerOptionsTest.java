package io.pacer.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.embedded.StandaloneBroker.Options;
import org.junit.jupiter.api.Test;

class StandaloneBrokerOptionsTest {

    @Test
    void defaultsToAFreePortAndStoppingAtEndOfStdin() {
        assertThat(Options.parse()).isEqualTo(new Options(0, false));
    }

    @Test
    void readsPortAndIgnoreStdinInAnyOrder() {
        assertThat(Options.parse("--port", "19092", "--ignore-stdin")).isEqualTo(new Options(19092, true));
        assertThat(Options.parse("--ignore-stdin", "--port", "19092")).isEqualTo(new Options(19092, true));
    }

    @Test
    void rejectsBadInputNamingIt() {
        assertThatThrownBy(() -> Options.parse("--port", "0")).hasMessageContaining("but was 0");
        assertThatThrownBy(() -> Options.parse("--port", "x")).hasMessageContaining("but was x");
        assertThatThrownBy(() -> Options.parse("--port")).hasMessageContaining("usage");
        assertThatThrownBy(() -> Options.parse("--verbose")).hasMessageContaining("--verbose");
    }
}
