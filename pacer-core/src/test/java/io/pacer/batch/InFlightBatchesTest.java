package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pacer.sink.BatchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The in-flight window: batches are settled in send order, whatever order the sink answers in. */
class InFlightBatchesTest {
    private static final long TIMEOUT = 1_000;

    private final InFlightBatches window = new InFlightBatches();
    private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("test");

    private CompletableFuture<BatchResult> send(String event, long sentAt) {
        SentBatch sent = window.add(new Object[] {event}, new long[] {sentAt}, 1, 1, breaker);
        sent.sentAt = sentAt;
        sent.result = new CompletableFuture<>();
        return sent.result;
    }

    private List<Object> settleAll(long now) {
        List<Object> settled = new ArrayList<>();
        SentBatch head;
        while ((head = window.settledHead(now, TIMEOUT)) != null) {
            settled.add(head.events[0]);
            window.removeHead();
        }
        return settled;
    }

    @Test
    void batchesAnsweredBehindAnUnansweredHeadWaitForIt() {
        List<CompletableFuture<BatchResult>> results = new ArrayList<>();
        for (String e : List.of("a", "b", "c", "d")) {
            results.add(send(e, 0));
        }
        results.get(3).complete(BatchResult.ok());
        results.get(1).complete(BatchResult.ok());
        results.get(2).complete(BatchResult.ok());

        assertThat(settleAll(10)).as("the head has not answered").isEmpty();
        assertThat(window.size()).isEqualTo(4);
        assertThat(window.events()).isEqualTo(4);

        results.get(0).complete(BatchResult.ok());
        assertThat(settleAll(10)).containsExactly("a", "b", "c", "d");
        assertThat(window.isEmpty()).isTrue();
        assertThat(window.events()).isZero();
    }

    @Test
    void anUnansweredHeadIsSettledOnceItsDeliveryTimeoutHasPassed() {
        send("a", 100);
        CompletableFuture<BatchResult> second = send("b", 200);
        second.complete(BatchResult.ok());

        assertThat(settleAll(100 + TIMEOUT - 1)).isEmpty();
        assertThat(settleAll(100 + TIMEOUT)).as("a timed out; b was answered").containsExactly("a", "b");
    }

    @Test
    void slotsTradeArraysWithTheSenderInsteadOfCopying() {
        Object[] events = {"a"};
        long[] stamps = {0};
        SentBatch sent = window.add(events, stamps, 1, 1, breaker);
        assertThat(sent.events).isSameAs(events);
        assertThat(sent.stamps).isSameAs(stamps);
        assertThat(window.spareEvents()).as("a new slot's empty arrays").isEmpty();
    }
}
