package io.pacer.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerdictTest {

    /** A finished run with {@code failed} failed operations (of 1000) and the given accounting (null: none). */
    static RunResult run(long failed, long incomplete, RecordAccounting accounting) {
        Instant t = Instant.parse("2026-01-31T12:00:00Z");
        return new RunResult(
                RunResult.SCHEMA,
                "dev",
                "test",
                RunResult.Settings.of(Workload.of(Pacing.open(100), 1, Limit.operations(1000)), Map.of()),
                new RunResult.Environment("v", "17", "os", "arch", 2, 1 << 30, "host", "4.3.1", t, t.plusSeconds(10)),
                new RunResult.WarmupSummary(
                        0,
                        "none",
                        RunResult.Counts.ZERO,
                        Percentiles.EMPTY,
                        Histograms.encode(Histograms.latency()),
                        Map.of()),
                List.of(),
                Percentiles.EMPTY,
                Histograms.encode(Histograms.latency()),
                Map.of(),
                new RunResult.Counts(1000, 1000 - failed, failed, incomplete, 1000, 100_000),
                failed == 0 ? Map.of() : Map.of("503", failed - incomplete, "incomplete", incomplete),
                Map.of(),
                new RunResult.Rates(10_000, 100, 100, 0.01, 100, 100, 0, false),
                accounting,
                Map.of(),
                false,
                List.of());
    }

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("nothing failed, no accounting", run(0, 0, null), List.of()),
                Arguments.of(
                        "nothing failed, every record accounted for",
                        run(0, 0, new RecordAccounting(1000, 1000, 0, 0, 0)),
                        List.of()),
                Arguments.of(
                        "unknown arrivals alone do not fail a run",
                        run(0, 0, new RecordAccounting(1000, 1000, 0, 0, 7)),
                        List.of()),
                Arguments.of("failed operations", run(12, 0, null), List.of("failed operations: 12, must be 0")),
                Arguments.of(
                        "incomplete operations count as failed",
                        run(3, 3, null),
                        List.of("failed operations: 3, must be 0")),
                Arguments.of(
                        "lost records",
                        run(0, 0, new RecordAccounting(1000, 997, 3, 0, 0)),
                        List.of("lost records: 3, must be 0")),
                Arguments.of(
                        "duplicated records",
                        run(0, 0, new RecordAccounting(1000, 1000, 0, 2, 0)),
                        List.of("duplicated records: 2, must be 0")),
                Arguments.of(
                        "everything at once, in gate order",
                        run(4, 1, new RecordAccounting(1000, 996, 4, 1, 0)),
                        List.of(
                                "failed operations: 4, must be 0",
                                "lost records: 4, must be 0",
                                "duplicated records: 1, must be 0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void theDefaultGatesFailARunForFailedOperationsLostOrDuplicatedRecords(
            String what, RunResult result, List<String> failures) {
        Verdict verdict = Verdict.of(result);

        assertThat(verdict.passed()).isEqualTo(failures.isEmpty());
        assertThat(verdict.failures()).extracting(Gate.Check::toString).containsExactlyElementsOf(failures);
        assertThat(verdict.checks()).extracting(Gate.Check::gate).containsExactlyElementsOf(Verdict.DEFAULT_GATES);
    }

    @Test
    void everyFailureCarriesTheMeasuredValueAndTheBound() {
        Gate.Check lost = Verdict.of(run(0, 0, new RecordAccounting(10, 7, 3, 0, 0)))
                .failures()
                .get(0);

        assertThat(lost.gate().figure()).isEqualTo(Figure.LOST);
        assertThat(lost.measured()).hasValue(3.0);
        assertThat(lost.bound()).isZero();
        assertThat(lost.applies()).isTrue();
    }

    @Test
    void gatesOnFiguresTheRunDidNotMeasureDoNotApply() {
        Verdict verdict = Verdict.of(run(0, 0, null));

        assertThat(verdict.checks())
                .filteredOn(c -> !c.applies())
                .extracting(Gate.Check::toString)
                .containsExactly(
                        "lost records: not measured",
                        "duplicated records: not measured",
                        "missing shares: not measured");
        assertThat(verdict.checks()).allMatch(Gate.Check::passed);
    }

    @Test
    void gatesAreCheckedInTheOrderGiven() {
        List<Gate> gates = List.of(
                new Gate(Figure.DUPLICATED, Gate.Comparison.AT_MOST, 5),
                new Gate(Figure.FAILED, Gate.Comparison.LESS, 10));
        RunResult result = run(10, 0, new RecordAccounting(10, 10, 0, 5, 0));

        Verdict verdict = Verdict.of(result, gates);

        assertThat(verdict.checks()).extracting(Gate.Check::gate).containsExactlyElementsOf(gates);
        assertThat(verdict.failures())
                .extracting(Gate.Check::toString)
                .containsExactly("failed operations: 10, must be < 10");
        assertThat(Verdict.of(result, List.of()).passed())
                .as("no gate, no failure")
                .isTrue();
    }

    @Test
    void aVerdictIsImmutable() {
        Verdict verdict = Verdict.of(run(1, 0, null));
        assertThatThrownBy(() -> verdict.checks().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Verdict.of(null)).hasMessage("result");
    }
}
