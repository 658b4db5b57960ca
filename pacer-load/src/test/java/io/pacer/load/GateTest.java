package io.pacer.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.load.Gate.Comparison;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateTest {

    @ParameterizedTest(name = "{1} {0} {2} is {3}")
    @CsvSource({
        "LESS,     9,    10, true",
        "LESS,     10,   10, false",
        "LESS,     11,   10, false",
        "AT_MOST,  9,    10, true",
        "AT_MOST,  10,   10, true",
        "AT_MOST,  11,   10, false",
        "EQUAL,    0,    0,  true",
        "EQUAL,    1,    0,  false",
        "EQUAL,    -0.0, 0,  true",
        "EQUAL,    NaN,  0,  false",
        "AT_MOST,  NaN,  0,  false",
        "GREATER,  NaN,  0,  false",
        "AT_LEAST, 9,    10, false",
        "AT_LEAST, 10,   10, true",
        "AT_LEAST, 11,   10, true",
        "GREATER,  10,   10, false",
        "GREATER,  10.5, 10, true",
    })
    void comparisonsHoldExactlyWhereTheirSymbolSays(
            Comparison comparison, double measured, double bound, boolean holds) {
        assertThat(comparison.holds(measured, bound)).isEqualTo(holds);
    }

    @Test
    void aGateReadsAsItIsWrittenAndItsCheckSaysMeasuredAndBound() {
        Gate gate = new Gate(Figure.FAILED, Comparison.AT_MOST, 2.5);
        assertThat(gate).hasToString("failed <= 2.5");
        assertThat(new Gate(Figure.LOST, Comparison.EQUAL, 0)).hasToString("lost = 0");
        assertThat(new Gate(Figure.FAILED, Comparison.AT_LEAST, 1000)).hasToString("failed >= 1000");

        Gate.Check check = new Gate.Check(gate, OptionalDouble.of(3));
        assertThat(check.passed()).isFalse();
        assertThat(check).hasToString("failed operations: 3, must be <= 2.5");
        assertThat(new Gate.Check(gate, OptionalDouble.of(2.5)).passed()).isTrue();
    }

    @Test
    void badGatesAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> new Gate(Figure.FAILED, Comparison.LESS, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bound of the gate on failed must be a finite number, but was NaN");
        assertThatThrownBy(() -> new Gate(Figure.FAILED, null, 0)).hasMessage("comparison");
        assertThatThrownBy(() -> new Figure(" ", "records", r -> OptionalDouble.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("figure name must be a non-blank name, but was ' '");
    }

    @Test
    void aFigureThatReadsNullIsABugNamedAsSuch() {
        Figure broken = new Figure("broken", "things", r -> null);
        assertThatThrownBy(() -> broken.in(VerdictTest.run(0, 0, null))).hasMessage("figure broken read null");
    }

    @Test
    void theNumbersOfAGateArePrintedPlainly() {
        assertThat(Gate.format(12)).isEqualTo("12");
        assertThat(Gate.format(1e3)).isEqualTo("1000");
        assertThat(Gate.format(0.25)).isEqualTo("0.25");
        assertThat(Gate.format(-0.0)).isEqualTo("0");
        assertThat(Gate.format(Double.NaN)).isEqualTo("NaN");
    }
}
