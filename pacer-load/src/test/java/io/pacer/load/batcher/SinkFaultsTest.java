package io.pacer.load.batcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.batch.BatchPolicy;
import io.pacer.batch.Overflow;
import io.pacer.breaker.BreakerPolicy;
import io.pacer.sink.BatchResult;
import io.pacer.testing.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fault script: its syntax, its validation, and when a {@link FaultySink} fails a call. No I/O, no real time. */
class SinkFaultsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10s@30s           | 10000@30000",
                "250ms@0           | 250@0",
                "5s@10s, 5s@1m     | 5000@10000 5000@60000",
                "2@3               | 2000@3000",
            })
    void outagesParse(String text, String expected) {
        List<String> parsed = new ArrayList<>();
        for (SinkFaults.Outage o : SinkFaults.Outage.parseAll(text)) {
            parsed.add(o.length().toMillis() + "@" + o.at().toMillis());
        }
        assertThat(String.join(" ", parsed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "10s            | outage '10s' must be LENGTH@AT",
                "@30s           | outage '@30s' must be LENGTH@AT",
                "10s@           | outage '10s@' must be LENGTH@AT",
                "soon@30s       | 'soon' is not a duration",
                "0s@30s         | outage length must be > 0, but was PT0S",
                "10s@30s,       | outage '10s@30s,' must be LENGTH@AT",
            })
    void badOutagesSayWhatIsWrongAndShowTheSyntax(String text, String expected) {
        assertThatThrownBy(() -> SinkFaults.Outage.parseAll(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .hasMessageContaining("e.g. 10s@30s");
    }

    @Test
    void faultSettingsAreValidated() {
        assertThatThrownBy(() -> SinkFaults.none().withFailRate(1.5))
                .hasMessage("failRate must be in [0, 1], but was 1.5");
        assertThatThrownBy(() -> SinkFaults.none().withLatency(Duration.ofMinutes(2)))
                .hasMessageStartingWith("sinkLatency must be in [PT0S, PT1M]");
        assertThatThrownBy(() -> SinkFaults.none().withOutages(SinkFaults.Outage.parseAll("10s@0s,5s@5s")))
                .hasMessage("outages must not overlap, but 10000ms@0ms and 5000ms@5000ms do");
        assertThatThrownBy(() -> BatcherSettings.of(new SinkTarget.Memory()).withOverflow(Overflow.dropOldest()))
                .hasMessageStartingWith("overflow DropOldest is not supported by the batcher driver");
        assertThatThrownBy(() -> BatcherSettings.of(new SinkTarget.Memory()).withMaxInFlight(65))
                .hasMessage("maxInFlight must be in [1, 64] or 0 (the sink's choice), but was 65");
        assertThatThrownBy(() -> new SinkTarget.RedisStream("localhost", "s"))
                .hasMessage("redis must be host:port, e.g. 127.0.0.1:6379, but was 'localhost'");
        assertThat(BatcherSettings.of(new SinkTarget.Memory())
                        .withPolicy(BatchPolicy.ofDefaults())
                        .withBreaker(BreakerPolicy.ofDefaults())
                        .faults()
                        .any())
                .isFalse();
    }

    @Test
    void anOutageFailsEveryCallInsideItsWindowAndNoneOutside() throws Exception {
        ManualTicker ticker = new ManualTicker();
        long origin = ticker.nanos();
        MemorySink memory = new MemorySink();
        FaultySink<Event> sink = new FaultySink<>(
                memory, SinkFaults.none().withOutages(SinkFaults.Outage.parseAll("10s@30s")), ticker, origin, null);

        List<Boolean> failed = new ArrayList<>();
        for (Duration at : List.of(
                Duration.ofMillis(29_999), Duration.ofSeconds(30), Duration.ofMillis(39_999), Duration.ofSeconds(40))) {
            ticker.advance(at.minusNanos(ticker.nanos() - origin));
            CompletableFuture<BatchResult> result =
                    sink.deliver(List.of(new Event(failed.size(), new byte[1]))).toCompletableFuture();
            failed.add(result.isCompletedExceptionally());
        }

        assertThat(failed).containsExactly(false, true, true, false);
        assertThat(memory.distinct()).isEqualTo(2);
        assertThat(sink.outageFailures.get()).isEqualTo(2);
        assertThat(sink.isRetriable(new FaultySink.InjectedFault("x"))).isTrue();
    }

    @Test
    void theSameSeedFailsTheSameCalls() {
        assertThat(failures(42)).isEqualTo(failures(42)).isNotEqualTo(failures(43));
        long count = failures(42).chars().filter(c -> c == 'x').count();
        assertThat(count).isBetween(150L, 250L); // 1000 draws at 0.2, fixed seed
    }

    private static String failures(long seed) {
        FaultySink<Event> sink = new FaultySink<>(
                new MemorySink(), SinkFaults.none().withFailRate(0.2).withSeed(seed), new ManualTicker(), 0, null);
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            boolean failed = sink.deliver(List.of(new Event(i, new byte[1])))
                    .toCompletableFuture()
                    .isCompletedExceptionally();
            pattern.append(failed ? 'x' : '.');
        }
        return pattern.toString();
    }
}
