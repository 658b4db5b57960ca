package io.pacer.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueCodecsTest {

    record Order(String id, List<Integer> lines, double total) {}

    @Test
    void jsonRoundTripsARecordAsPlainJson() {
        ValueCodec<Order> codec = ValueCodecs.json(Order.class);
        Order order = new Order("o-1", List.of(3, 4), 12.5);

        byte[] bytes = codec.encode(order);

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"o-1\",\"lines\":[3,4],\"total\":12.5}");
        assertThat(codec.decode(bytes)).isEqualTo(order);
        assertThatThrownBy(() -> codec.decode("[1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void utf8AndBytes() {
        assertThat(ValueCodecs.utf8().encode("größe")).isEqualTo("größe".getBytes(StandardCharsets.UTF_8));
        assertThat(ValueCodecs.utf8().decode("größe".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("größe");
        byte[] raw = {0, -1, 7};
        assertThat(ValueCodecs.bytes().encode(raw)).isSameAs(raw);
        assertThat(ValueCodecs.bytes().decode(raw)).isSameAs(raw);
    }
}
