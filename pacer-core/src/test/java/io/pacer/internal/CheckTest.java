package io.pacer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every check's message names the setting, the rule and the bad value, in one shape. */
class CheckTest {

    @Test
    void numbers() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.range("maxEvents", 0, 1, 1_000_000))
                .withMessage("maxEvents must be in [1, 1000000], but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.range("headroom", 0.95, 0, 0.9))
                .withMessage("headroom must be in [0, 0.9], but was 0.95");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.range("headroom", Double.NaN, 0, 0.9))
                .withMessage("headroom must be in [0, 0.9], but was NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.atLeast("maxOutstanding", 0, 1))
                .withMessage("maxOutstanding must be >= 1, but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.positive("rate", 0.0, "operations/s"))
                .withMessage("rate must be > 0 operations/s, but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.positive("rate", Double.POSITIVE_INFINITY, "operations/s"))
                .withMessage("rate must be > 0 operations/s, but was Infinity");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.positive("speed", -1.5, "(1 = recorded timing)"))
                .withMessage("speed must be > 0 (1 = recorded timing), but was -1.5");
        assertThatNoException().isThrownBy(() -> {
            Check.range("n", 1, 1, 1);
            Check.range("x", 0.9, 0, 0.9);
            Check.atLeast("n", 0, 0);
            Check.positive("r", 0.001, "/s");
        });
    }

    @Test
    void durations() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.duration("linger", Duration.ofMillis(-1), Duration.ZERO, Duration.ofHours(1)))
                .withMessage("linger must be in [PT0S, PT1H], but was PT-0.001S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.duration("ttl", null, Duration.ofMillis(1), Duration.ofDays(1)))
                .withMessage("ttl must be set (a duration in [PT0.001S, PT24H]), but was null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.positive("requestTimeout", Duration.ZERO))
                .withMessage("requestTimeout must be > 0, but was PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.positive("requestTimeout", null))
                .withMessage("requestTimeout must be > 0, but was null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.notNegative("drainTimeout", Duration.ofSeconds(-1)))
                .withMessage("drainTimeout must be >= 0, but was PT-1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.atLeast("interval", Duration.ofMillis(5), Duration.ofMillis(10)))
                .withMessage("interval must be >= PT0.01S, but was PT0.005S");
        assertThatNoException().isThrownBy(() -> {
            Check.notNegative("d", Duration.ZERO);
            Check.positive("d", Duration.ofNanos(1));
            Check.atLeast("i", Duration.ofMillis(10), Duration.ofMillis(10));
        });
    }

    @Test
    void stringsShowTheBadValueQuotedSoBlankIsVisible() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.notBlank("bootstrapServers", " ", "host:port[,host:port...]"))
                .withMessage("bootstrapServers must be host:port[,host:port...], but was ' '");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.notBlank("bootstrapServers", null, "host:port[,host:port...]"))
                .withMessage("bootstrapServers must be host:port[,host:port...], but was null");
        assertThat(Check.notBlank("name", "x", "non-blank")).isEqualTo("x");
        Pattern name = Pattern.compile("[a-z]{1,3}");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.matches("keyPrefix", "a:b", name, "1 to 3 of a-z"))
                .withMessage("keyPrefix must be 1 to 3 of a-z, but was 'a:b'");
        assertThat(Check.matches("keyPrefix", "abc", name, "1 to 3 of a-z")).isEqualTo("abc");
    }

    @Test
    void kafkaTopicNames() {
        for (String bad : new String[] {"", "a b", ".", "..", "x".repeat(250), "ü"}) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Check.topicName("topic", bad))
                    .withMessage(
                            "topic must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), but was '" + bad + "'");
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.topicName("topic", null))
                .withMessageEndingWith("but was null");
        for (String good : new String[] {"a", "orders.v1_x-2", "...", "x".repeat(249)}) {
            assertThat(Check.topicName("topic", good)).isEqualTo(good);
        }
    }

    @Test
    void stringMapsAreCheckedAndCopiedInOrder() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("acks", null);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.stringMap("producerProperties", nullValue))
                .withMessage("producerProperties must map non-blank keys to non-null values, but had acks=null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.stringMap("producerProperties", Map.of(" ", "x")))
                .withMessage("producerProperties must map non-blank keys to non-null values, but had  =x");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.stringMap("producerProperties", null))
                .withMessage("producerProperties must be a map (empty for none), but was null");
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("z", "1");
        ordered.put("a", "2");
        Map<String, String> copy = Check.stringMap("p", ordered);
        ordered.put("z", "changed");
        assertThat(copy).containsExactly(Map.entry("z", "1"), Map.entry("a", "2"));
        assertThatThrownBy(() -> copy.put("b", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void collectionsAndRulesOfTheirOwn() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.eachAtLeast("partitions", List.of(0, -1), 0))
                .withMessage("partitions must be >= 0, but had -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.distinct("partitions", List.of(1, 1)))
                .withMessage("partitions must not repeat, but were [1, 1]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.that(false, "groupId", "null (assign mode) or non-blank", " "))
                .withMessage("groupId must be null (assign mode) or non-blank, but was ' '");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.argument(false, "inputTopic and outputTopic must differ"))
                .withMessage("inputTopic and outputTopic must differ");
        assertThatNoException().isThrownBy(() -> {
            Check.eachAtLeast("p", List.of(0, 3), 0);
            Check.distinct("p", List.of(1, 2));
            Check.that(true, "x", "anything", null);
            Check.argument(true, "never");
        });
    }
}
