package io.pacer.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lifecycle of one alert driven by an injected {@code now}: no clock, no sleeps. */
class AlertLifecycleTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final String CPU = "host.cpu.usage.ratio";

    private final List<AlertTransition> notified = new ArrayList<>();
    private final AlertHistory history = AlertHistory.inMemory(100);

    private AlertEngine engine(AlertRule... rules) {
        return AlertEngine.builder()
                .rules(List.of(rules))
                .history(history)
                .notifier(notified::add)
                .build();
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static List<Sample> cpu(double value, int seconds) {
        return List.of(Sample.of(CPU, Map.of(), at(seconds), value));
    }

    private static List<String> steps(List<AlertTransition> ts) {
        return ts.stream()
                .map(t -> t.from() + ">" + t.to() + ":" + t.severity())
                .toList();
    }

    @Test
    void pendingThenFiringAfterForThenResolved() {
        AlertEngine e = engine(AlertRule.of("cpu", CPU, 0.7, 0.9).withFor(Duration.ofSeconds(60)));

        Evaluation first = e.evaluate(cpu(0.75, 0), at(0));
        assertThat(steps(first.transitions())).containsExactly("INACTIVE>PENDING:WARNING");
        assertThat(first.nextCheck()).isEqualTo(Duration.ofSeconds(60));
        assertThat(notified).as("pending is not notified").isEmpty();

        Evaluation mid = e.evaluate(cpu(0.76, 30), at(30));
        assertThat(mid.transitions()).isEmpty();
        assertThat(mid.nextCheck()).isEqualTo(Duration.ofSeconds(30));

        Evaluation fired = e.evaluate(List.of(), at(60));
        assertThat(steps(fired.transitions())).containsExactly("PENDING>FIRING:WARNING");
        AlertTransition t = fired.transitions().get(0);
        assertThat(t.value()).isEqualTo(0.76);
        assertThat(t.threshold()).isEqualTo(0.7);
        assertThat(t.since()).isEqualTo(at(0));
        assertThat(t.at()).isEqualTo(at(60));
        assertThat(t.message()).contains(">= warning 0.7 for 1m");
        assertThat(e.active()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.firingSince()).isEqualTo(at(60));
        });

        Evaluation resolved = e.evaluate(cpu(0.5, 90), at(90));
        assertThat(steps(resolved.transitions())).containsExactly("FIRING>RESOLVED:WARNING");
        assertThat(e.active()).isEmpty();
        assertThat(steps(notified)).containsExactly("PENDING>FIRING:WARNING", "FIRING>RESOLVED:WARNING");
        assertThat(steps(history.transitions(T0, at(1000), 100)))
                .containsExactly("INACTIVE>PENDING:WARNING", "PENDING>FIRING:WARNING", "FIRING>RESOLVED:WARNING");
        assertThat(history.open()).isEmpty();
    }

    @Test
    void aPendingAlertThatClearsBeforeForNeverFires() {
        AlertEngine e = engine(AlertRule.of("cpu", CPU, 0.7, null).withFor(Duration.ofSeconds(60)));
        e.evaluate(cpu(0.8, 0), at(0));
        Evaluation cleared = e.evaluate(cpu(0.69, 30), at(30));
        assertThat(steps(cleared.transitions())).containsExactly("PENDING>INACTIVE:WARNING");
        e.evaluate(cpu(0.8, 45), at(45));
        assertThat(e.evaluate(List.of(), at(100)).transitions())
                .as("the second breach started its own clock at 45 s")
                .isEmpty();
        assertThat(steps(e.evaluate(List.of(), at(105)).transitions())).containsExactly("PENDING>FIRING:WARNING");
    }

    @Test
    void hysteresisKeepsAFiringAlertFromFlapping() {
        AlertRule rule =
                AlertRule.of("cpu", CPU, null, 0.9).withFor(Duration.ZERO).withHysteresis(Hysteresis.parse("5%"));
        AlertEngine e = engine(rule);
        assertThat(steps(e.evaluate(cpu(0.91, 0), at(0)).transitions())).containsExactly("INACTIVE>FIRING:CRITICAL");
        double[] hovering = {0.89, 0.91, 0.86, 0.92, 0.856, 0.9};
        for (int i = 0; i < hovering.length; i++) {
            assertThat(e.evaluate(cpu(hovering[i], 10 * (i + 1)), at(10 * (i + 1)))
                            .transitions())
                    .as("%s is above the clear level 0.855", hovering[i])
                    .isEmpty();
        }
        assertThat(steps(e.evaluate(cpu(0.85, 100), at(100)).transitions()))
                .containsExactly("FIRING>RESOLVED:CRITICAL");

        AlertEngine without = engine(rule.withHysteresis(Hysteresis.NONE));
        notified.clear();
        int flips = 0;
        for (int i = 0; i < hovering.length; i++) {
            flips += without.evaluate(cpu(hovering[i], 10 * i), at(10 * i))
                    .transitions()
                    .size();
        }
        assertThat(flips).as("without hysteresis the same values flap").isGreaterThanOrEqualTo(4);
    }

    @Test
    void reFiringStartsAnewThroughPending() {
        AlertEngine e = engine(AlertRule.of("cpu", CPU, 0.7, null).withFor(Duration.ofSeconds(20)));
        e.evaluate(cpu(0.8, 0), at(0));
        e.evaluate(cpu(0.8, 20), at(20));
        e.evaluate(cpu(0.1, 40), at(40));
        Evaluation again = e.evaluate(cpu(0.8, 60), at(60));
        assertThat(steps(again.transitions())).containsExactly("INACTIVE>PENDING:WARNING");
        assertThat(again.transitions().get(0).since()).isEqualTo(at(60));
        assertThat(e.active())
                .singleElement()
                .satisfies(a -> assertThat(a.firingSince()).isNull());
        assertThat(steps(e.evaluate(List.of(), at(80)).transitions())).containsExactly("PENDING>FIRING:WARNING");
        assertThat(steps(notified))
                .containsExactly("PENDING>FIRING:WARNING", "FIRING>RESOLVED:WARNING", "PENDING>FIRING:WARNING");
    }

    @Test
    void escalatesToCriticalAfterForAndStepsBackDownAtOnce() {
        AlertEngine e = engine(AlertRule.of("cpu", CPU, 0.7, 0.9).withFor(Duration.ofSeconds(30)));
        e.evaluate(cpu(0.8, 0), at(0));
        e.evaluate(cpu(0.8, 30), at(30));
        Evaluation critical = e.evaluate(cpu(0.95, 40), at(40));
        assertThat(critical.transitions()).as("critical must hold for 30 s too").isEmpty();
        assertThat(critical.nextCheck()).isEqualTo(Duration.ofSeconds(30));
        assertThat(steps(e.evaluate(cpu(0.95, 70), at(70)).transitions())).containsExactly("FIRING>FIRING:CRITICAL");
        assertThat(e.evaluate(cpu(0.86, 80), at(80)).transitions())
                .as("0.86 is above critical's clear level 0.855")
                .isEmpty();
        Evaluation down = e.evaluate(cpu(0.8, 90), at(90));
        assertThat(steps(down.transitions())).containsExactly("FIRING>FIRING:WARNING");
        assertThat(down.transitions().get(0).message()).startsWith("CRITICAL → WARNING");
    }

    @Test
    void eachSeriesIsItsOwnAlertAndMatchersPickSeries() {
        AlertEngine e = engine(AlertRule.of("disk", "host.disk.used.ratio", 0.8, null)
                .withFor(Duration.ZERO)
                .withLabels(Map.of("mount", "~/data.*")));
        List<Sample> samples = List.of(
                Sample.of("host.disk.used.ratio", Map.of("mount", "/data"), at(0), 0.9),
                Sample.of("host.disk.used.ratio", Map.of("mount", "/data2"), at(0), 0.5),
                Sample.of("host.disk.used.ratio", Map.of("mount", "/"), at(0), 0.99));
        Evaluation ev = e.evaluate(samples, at(0));
        assertThat(ev.transitions())
                .singleElement()
                .satisfies(t -> assertThat(t.series().toString()).isEqualTo("host.disk.used.ratio{mount=\"/data\"}"));
        e.evaluate(List.of(Sample.of("host.disk.used.ratio", Map.of("mount", "/data2"), at(10), 0.85)), at(10));
        assertThat(e.active()).extracting(a -> a.series().labels().get("mount")).containsExactly("/data", "/data2");
    }

    @Test
    void aSilentSeriesResolvesAfterStaleAfter() {
        AlertEngine e = AlertEngine.builder()
                .rule(AlertRule.of("cpu", CPU, 0.7, null).withFor(Duration.ZERO))
                .history(history)
                .staleAfter(Duration.ofMinutes(2))
                .maxCheckInterval(Duration.ofMinutes(5))
                .build();
        e.evaluate(cpu(0.8, 0), at(0));
        Evaluation quiet = e.evaluate(List.of(), at(60));
        assertThat(quiet.transitions()).isEmpty();
        assertThat(quiet.nextCheck()).isEqualTo(Duration.ofSeconds(60).plusMillis(1));
        Evaluation gone = e.evaluate(List.of(), at(121));
        assertThat(gone.transitions()).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertState.RESOLVED);
            assertThat(t.value()).isNull();
            assertThat(t.message()).isEqualTo("no sample of host.cpu.usage.ratio for 121s");
        });
    }

    @Test
    void averageOverTheWindowIgnoresOneSpike() {
        AlertEngine e = engine(AlertRule.of("cpu", CPU, 0.7, null)
                .withFor(Duration.ZERO)
                .withAggregation(Aggregation.AVG, Duration.ofSeconds(60)));
        e.evaluate(cpu(0.5, 0), at(0));
        e.evaluate(cpu(0.5, 15), at(15));
        assertThat(e.evaluate(cpu(0.99, 30), at(30)).transitions())
                .as("avg 0.663")
                .isEmpty();
        Evaluation fired = e.evaluate(cpu(0.9, 45), at(45));
        assertThat(fired.transitions()).singleElement().satisfies(t -> {
            assertThat(t.value()).isCloseTo((0.5 + 0.5 + 0.99 + 0.9) / 4, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(t.message()).startsWith("avg over 1m of host.cpu.usage.ratio");
        });
        assertThat(e.evaluate(cpu(0.4, 75), at(75)).transitions())
                .as("window (15s, 75s]: avg of 0.99, 0.9, 0.4 = 0.763")
                .isEmpty();
    }

    @Test
    void anEngineBuiltOnHistoryTakesOpenAlertsUpWithoutNotifyingAgain() {
        AlertRule rule = AlertRule.of("cpu", CPU, 0.7, null).withFor(Duration.ZERO);
        AlertEngine before = engine(rule);
        before.evaluate(cpu(0.8, 0), at(0));
        assertThat(notified).hasSize(1);

        AlertEngine after = engine(rule);
        assertThat(after.active())
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
        assertThat(after.evaluate(cpu(0.8, 30), at(30)).transitions()).isEmpty();
        assertThat(steps(after.evaluate(cpu(0.1, 40), at(40)).transitions()))
                .containsExactly("FIRING>RESOLVED:WARNING");
        assertThat(notified).hasSize(2);
    }

    @Test
    void aNotifierThatThrowsCostsOnlyItsNotification() {
        List<AlertTransition> second = new ArrayList<>();
        AlertEngine e = AlertEngine.builder()
                .rule(AlertRule.of("cpu", CPU, 0.7, null).withFor(Duration.ZERO))
                .notifier(t -> {
                    throw new IllegalStateException("broken");
                })
                .notifier(second::add)
                .build();
        assertThat(e.evaluate(cpu(0.8, 0), at(0)).transitions()).hasSize(1);
        assertThat(second).hasSize(1);
    }

    @Test
    void rulesThatMatchNothingAreListed() {
        AlertEngine e =
                engine(AlertRule.of("cpu", CPU, 0.7, null), AlertRule.of("typo", "host.cpu.usgae.ratio", 0.7, null));
        e.evaluate(cpu(0.1, 0), at(0));
        assertThat(e.rulesWithoutData()).extracting(AlertRule::name).containsExactly("typo");
    }

    @Test
    void twoRulesOfOneNameAreRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertEngine.builder()
                        .rules(DefaultRules.stream())
                        .rule(AlertRule.of("host-cpu", CPU, 0.5, null))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule names must be unique, but 'host-cpu' is used twice");
    }
}
