package io.pacer.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of tunable converts text the way an operator types it and names what was wrong otherwise. */
class TunableTest {

    @Test
    void rangesAcceptValuesAndTextInsideAndNameTheBoundsOtherwise() {
        Tunable<Integer> events = Tunable.ofInt("batch.maxEvents", 1, 100, "events per batch");
        assertThat(events.validate(7)).isEqualTo(7);
        assertThat(events.validate(" 100 ")).isEqualTo(100);
        assertThatThrownBy(() -> events.validate(0)).hasMessage("batch.maxEvents must be in [1, 100], but was 0");
        assertThatThrownBy(() -> events.validate("many"))
                .hasMessage("batch.maxEvents must be a Integer, but was 'many'");

        Tunable<Long> size = Tunable.ofLong("cache.l1.maximumSize", 1, 10, "entries");
        assertThat(size.validate("10")).isEqualTo(10L);
        assertThatThrownBy(() -> size.validate(11L)).hasMessage("cache.l1.maximumSize must be in [1, 10], but was 11");

        Tunable<Duration> linger = Tunable.ofDuration("batch.linger", Duration.ZERO, Duration.ofSeconds(1), "linger");
        assertThat(linger.validate("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> linger.validate("2s"))
                .hasMessage("batch.linger must be in [PT0S, PT1S], but was PT2S");
        assertThatThrownBy(() -> linger.validate("soon"))
                .hasMessage("batch.linger must be a Duration such as 100ms, 5s or PT1S, but was 'soon'");
        assertThatThrownBy(() -> linger.validate(null)).hasMessage("batch.linger must be set, but was null");
    }

    @Test
    void aSwitchTakesTrueOrFalseAndNothingThatMerelyLooksFalse() {
        Tunable<Boolean> enabled = Tunable.ofBoolean("adaptive.enabled", "whether adaptive mode decides");
        assertThat(enabled.validate(true)).isTrue();
        assertThat(enabled.validate("FALSE")).isFalse();
        assertThat(enabled.validate(" true ")).isTrue();
        assertThatThrownBy(() -> enabled.validate("no"))
                .hasMessage("adaptive.enabled must be true or false, but was 'no'");
        assertThatThrownBy(() -> enabled.validate(1)).hasMessage("adaptive.enabled must be true or false, but was '1'");
    }

    @Test
    void aChoiceTakesOneOfItsValuesExactly() {
        Tunable<String> policy =
                Tunable.ofChoice("overflow.policy", List.of("BLOCK", "DROP_NEWEST", "DROP_OLDEST"), "when full");
        assertThat(policy.validate("DROP_OLDEST")).isEqualTo("DROP_OLDEST");
        assertThatThrownBy(() -> policy.validate("drop_oldest"))
                .hasMessage("overflow.policy must be one of [BLOCK, DROP_NEWEST, DROP_OLDEST], but was 'drop_oldest'");
        assertThatThrownBy(() -> Tunable.ofChoice("x", List.of(), "none")).hasMessageContaining("must not be empty");
    }

    @Test
    void declarationsAreCheckedWhenMade() {
        assertThatThrownBy(() -> Tunable.ofInt("n", 5, 1, "backwards")).hasMessage("min 5 is above max 1");
        assertThatThrownBy(() -> new Tunable<>("d", Double.class, new Tunable.Range<>(0.0, 1.0), "ratio"))
                .hasMessage("tunable d has type Double: use Integer, Long, Duration, Boolean or String");
    }
}
