package io.pacer.load.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.load.Outcome;
import io.pacer.load.RecordAccounting;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ArrivalsTest {

    @Test
    void everyIdIsReceivedLostDuplicatedOrUnknown() {
        Arrivals arrivals = new Arrivals();
        CompletableFuture<Outcome> first = arrivals.expect(0);
        CompletableFuture<Outcome> second = arrivals.expect(1);
        CompletableFuture<Outcome> never = arrivals.expect(2);

        arrivals.arrived(1, 40);
        arrivals.arrived(0, 30);
        arrivals.arrived(1, 40); // again: a duplicate
        arrivals.arrived(7, 40); // never issued
        arrivals.arrived(Ids.NOT_AN_ID, 5); // a key that is no id

        assertThat(first).isCompletedWithValue(Outcome.ok(30));
        assertThat(second).isCompletedWithValue(Outcome.ok(40));
        assertThat(never).isNotDone();
        assertThat(arrivals.issued()).isEqualTo(3);
        assertThat(arrivals.received()).isEqualTo(2);
        assertThat(arrivals.lost()).isEqualTo(1);
        assertThat(arrivals.duplicates()).isEqualTo(1);
        assertThat(arrivals.unknown()).isEqualTo(2);
        assertThat(arrivals.awaiting()).isEqualTo(1);
        assertThat(arrivals.accounting()).isEqualTo(new RecordAccounting(3, 2, 1, 1, 2));
    }

    @Test
    void anIdIsIssuedOnceAndFitsTheBitSet() {
        Arrivals arrivals = new Arrivals();
        arrivals.expect(5);
        assertThatThrownBy(() -> arrivals.expect(5)).hasMessage("id 5 was issued twice");
        assertThatThrownBy(() -> arrivals.expect(1L << 31))
                .hasMessage("stream ids must be in [0, 2147483647], but was 2147483648");
    }

    @Test
    void idsAreDecimalAsciiAndAnythingElseIsNotAnId() {
        assertThat(Ids.parse(Ids.ascii(0))).isZero();
        assertThat(Ids.parse(Ids.ascii(123_456_789_012L))).isEqualTo(123_456_789_012L);
        assertThat(Ids.parse(null)).isEqualTo(Ids.NOT_AN_ID);
        assertThat(Ids.parse(new byte[0])).isEqualTo(Ids.NOT_AN_ID);
        assertThat(Ids.parse("12a".getBytes())).isEqualTo(Ids.NOT_AN_ID);
        assertThat(Ids.parse("-1".getBytes())).isEqualTo(Ids.NOT_AN_ID);
        assertThat(Ids.parse("1234567890123456789".getBytes())).isEqualTo(Ids.NOT_AN_ID);
    }
}
