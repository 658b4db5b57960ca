package io.pacer.load.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    private static final String BOOTSTRAP = "localhost:9092";

    @Test
    void keyDistributionsParseAndPrintTheSameForm() {
        assertThat(KeyDistribution.parse("none")).isEqualTo(KeyDistribution.none());
        assertThat(KeyDistribution.parse(" Sequential ")).isEqualTo(KeyDistribution.sequential());
        assertThat(KeyDistribution.parse("random:1000")).isEqualTo(KeyDistribution.random(1000));
        for (String form : List.of("none", "sequential", "random:7")) {
            assertThat(KeyDistribution.parse(form)).hasToString(form);
        }
    }

    @Test
    void badKeyDistributionsNameTheTextAndTheForms() {
        assertThatThrownBy(() -> KeyDistribution.parse("zipf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "keys must be none, sequential or random:<distinct keys> (e.g. random:1000), but was 'zipf'");
        assertThatThrownBy(() -> KeyDistribution.parse("random:many")).hasMessageContaining("but was 'random:many'");
        assertThatThrownBy(() -> KeyDistribution.parse("random:0"))
                .hasMessage("random key cardinality must be >= 1, but was 0");
        assertThatThrownBy(() -> new KeyDistribution(KeyDistribution.Kind.NONE, 5))
                .hasMessage("cardinality applies to random keys only, but was 5 for none keys");
    }

    @Test
    void processorsParse() {
        assertThat(Processor.parse("pass-through")).isEqualTo(Processor.passThrough());
        assertThat(Processor.parse("external")).isEqualTo(Processor.external());
        assertThat(Processor.parse("delay:20ms")).isEqualTo(Processor.delay(Duration.ofMillis(20)));
        assertThat(Processor.parse("delay:20ms")).hasToString("delay:20ms");
        assertThatThrownBy(() -> Processor.parse("echo"))
                .hasMessage("processor must be pass-through, delay:<duration> (e.g. delay:20ms) or external,"
                        + " but was 'echo'");
        assertThatThrownBy(() -> Processor.delay(Duration.ofMillis(-1)))
                .hasMessage("delay must be in [PT0S, PT1M], but was PT-0.001S");
    }

    @Test
    void produceSettingsNameTheBadField() {
        KafkaProduceSettings ok = KafkaProduceSettings.of(BOOTSTRAP, "orders");
        assertThat(ok.partitions()).isEqualTo(KafkaProduceSettings.DEFAULT_PARTITIONS);
        assertThat(ok.keys()).isEqualTo(KeyDistribution.none());

        assertThatThrownBy(() -> KafkaProduceSettings.of(" ", "orders"))
                .hasMessage("bootstrapServers must be host:port[,host:port...], but was ' '");
        assertThatThrownBy(() -> KafkaProduceSettings.of(BOOTSTRAP, "bad topic!"))
                .hasMessage("topic must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), but was 'bad topic!'");
        assertThatThrownBy(() -> ok.withRecordSize(0)).hasMessage("recordSize must be in [1, 67108864], but was 0");
        assertThatThrownBy(() -> ok.withClients(0)).hasMessage("clients must be in [1, 256], but was 0");
        assertThatThrownBy(() -> new KafkaProduceSettings(
                        BOOTSTRAP, "orders", 0, (short) 1, 100, null, KeyDistribution.none(), Map.of(), 1))
                .hasMessage("partitions must be in [1, 10000], but was 0");
        assertThatThrownBy(() -> new KafkaProduceSettings(
                        BOOTSTRAP, "orders", 1, (short) 0, 100, null, KeyDistribution.none(), Map.of(), 1))
                .hasMessage("replicationFactor must be in [1, 32767], but was 0");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("acks", null);
        assertThatThrownBy(() -> ok.withProducerProperties(nullValue))
                .hasMessage("producerProperties must map non-blank keys to non-null values, but had acks=null");
    }

    @Test
    void producerPropertiesAreCopied() {
        Map<String, String> properties = new HashMap<>(Map.of("acks", "1"));
        KafkaProduceSettings settings =
                KafkaProduceSettings.of(BOOTSTRAP, "orders").withProducerProperties(properties);
        properties.put("acks", "all");
        assertThat(settings.producerProperties()).containsExactly(Map.entry("acks", "1"));
    }

    @Test
    void consumeSettingsNameTheBadField() {
        KafkaConsumeSettings assign = KafkaConsumeSettings.assign(BOOTSTRAP, "orders");
        assertThat(assign.groupId()).isNull();
        assertThat(assign.pollTimeout()).isEqualTo(KafkaConsumeSettings.DEFAULT_POLL_TIMEOUT);

        assertThatThrownBy(() ->
                        KafkaConsumeSettings.group(BOOTSTRAP, "orders", "g").withPartitions(List.of(0)))
                .hasMessage(
                        "partitions [0] apply to assign mode only, but groupId is 'g': drop the partitions or the group");
        assertThatThrownBy(() -> assign.withPartitions(List.of(1, 1)))
                .hasMessage("partitions must not repeat, but were [1, 1]");
        assertThatThrownBy(() -> assign.withPartitions(List.of(-1))).hasMessage("partitions must be >= 0, but had -1");
        assertThatThrownBy(() -> assign.withPollTimeout(Duration.ofMillis(-5)))
                .hasMessage("pollTimeout must be in [PT0S, PT1M], but was PT-0.005S");
        assertThatThrownBy(() -> new KafkaConsumeSettings(
                        BOOTSTRAP, "orders", " ", List.of(), false, Map.of(), Duration.ofMillis(100)))
                .hasMessage("groupId must be null (assign mode) or non-blank, but was ' '");
    }

    @Test
    void streamSettingsNameTheBadField() {
        StreamSettings ok = StreamSettings.of(BOOTSTRAP, "in", "out", Processor.passThrough());
        assertThat(ok.partitions()).isEqualTo(StreamSettings.DEFAULT_PARTITIONS);

        assertThatThrownBy(() -> StreamSettings.of(BOOTSTRAP, "same", "same", Processor.passThrough()))
                .hasMessage("inputTopic and outputTopic must differ, but both were 'same'");
        assertThatThrownBy(() -> StreamSettings.of(BOOTSTRAP, "in", "", Processor.passThrough()))
                .hasMessageStartingWith("outputTopic must be a Kafka topic name");
        assertThatThrownBy(() -> ok.withPartitions(0)).hasMessage("partitions must be in [1, 10000], but was 0");
        assertThatThrownBy(() -> StreamSettings.of(BOOTSTRAP, "in", "out", null))
                .hasMessage("processor");
    }
}
