package io.pacer.load.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplaySettingsTest {

    private static final ReplaySettings BASE = ReplaySettings.of(Path.of("c.jsonl"), "localhost:9092", "orders");

    @Test
    void producerDefaultsFavourThroughputAndOverridesWin() {
        assertThat(BASE.producerConfig())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "linger.ms",
                        "5",
                        "batch.size",
                        "262144",
                        "compression.type",
                        "lz4",
                        "acks",
                        "all",
                        "bootstrap.servers",
                        "localhost:9092"));
        Map<String, String> overrides = new HashMap<>(Map.of("acks", "1", "client.id", "replay"));
        ReplaySettings settings = BASE.withProducerProperties(overrides);
        overrides.put("linger.ms", "0");
        assertThat(settings.producerConfig())
                .containsEntry("acks", "1")
                .containsEntry("client.id", "replay")
                .containsEntry("linger.ms", "5");
        assertThat(BASE.partitions()).isEqualTo(1);
        assertThat(BASE.skipBadLines()).isFalse();
    }

    @Test
    void rejectsWhatTheReplayCannotHonour() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BASE.withProducerProperties(Map.of("value.serializer", "x")))
                .withMessage(
                        "producerProperties must not set value.serializer: the replay sets it (bootstrap servers have"
                                + " their own setting, records are sent as bytes)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BASE.withPartitions(0))
                .withMessage("partitions must be in [1, 10000], but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReplaySettings.of(Path.of("c"), " ", "t"))
                .withMessage("bootstrapServers must be host:port[,host:port...], but was ' '");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReplaySettings.of(Path.of("c"), "h:1", "my topic"))
                .withMessage("topic must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), but was 'my topic'");
        assertThatIllegalArgumentException().isThrownBy(() -> ReplaySettings.of(Path.of("c"), "h:1", ".."));
    }
}
