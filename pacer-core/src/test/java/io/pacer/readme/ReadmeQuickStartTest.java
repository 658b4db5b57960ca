package io.pacer.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.batch.BatchPolicy;
import io.pacer.batch.Batcher;
import io.pacer.batch.Overflow;
import io.pacer.batch.SpoolCodec;
import io.pacer.breaker.BreakerPolicy;
import io.pacer.embedded.EmbeddedKafka;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.sink.Sinks;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's library quick start against the embedded broker, and checks the README shows exactly the code
 * between the {@code quickstart} tags below, so the two cannot drift apart.
 */
@Timeout(120)
@ExtendWith(KafkaExtension.class)
class ReadmeQuickStartTest {

    @TempDir
    Path spoolDir;

    @Test
    void quickStartRunsAsWritten(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Topics.create(kafka, "events", 3);
        BatcherSnapshot s;
        // spotless:off
        // tag::quickstart[]
        Map<String, Object> producer = Map.of(
                "bootstrap.servers", bootstrap,
                "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "value.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "linger.ms", 0);                                      // Pacer already batches
        try (Batcher<String> batcher = Batcher.<String>builder()
                .policy(BatchPolicy.ofDefaults().withMaxEvents(50).withLinger(Duration.ofMillis(100)))
                .breaker(BreakerPolicy.ofDefaults())          // opens after 5 consecutive failures, for 30 s
                .overflow(Overflow.spill(spoolDir, 1L << 30), SpoolCodec.utf8()) // sink down: spool to disk
                .build(Sinks.kafka(producer, "events", (String e) -> null, (String e) -> e))) {
            for (int i = 0; i < 10_000; i++) {
                batcher.offer("event-" + i);                  // lock-free; never blocks while the sink keeps up
            }
            batcher.flush(Duration.ofSeconds(10));            // everything delivered (or spooled) now
            s = batcher.snapshot();
            System.out.printf("%d delivered in batches of %.1f, p99 %d µs, breaker %s%n",
                    s.delivered(), s.meanBatchSize(), s.latencyMicros().p99(), s.breakerState());
        }
        // end::quickstart[]
        // spotless:on
        assertThat(s.delivered()).isEqualTo(10_000);
        assertThat(s.breakerState()).isEqualTo("CLOSED");
        assertThat(s.meanBatchSize()).isGreaterThan(1);
    }

    @Test
    void readmeShowsTheCodeThisTestRuns() throws IOException {
        String self = Files.readString(Path.of("src/test/java/io/pacer/readme/ReadmeQuickStartTest.java"));
        Matcher tagged = Pattern.compile("// tag::quickstart\\[]\\n(.*?)\\n\\s*// end::quickstart\\[]", Pattern.DOTALL)
                .matcher(self);
        assertThat(tagged.find()).isTrue();
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(normalise(readme))
                .as("README.md must contain the quick start exactly as tested")
                .contains(normalise(tagged.group(1)));
    }

    private static String normalise(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
