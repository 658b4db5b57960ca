package io.pacer.verdict.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.verdict.kafka.KafkaProfile;
import io.pacer.verdict.kafka.TradeOff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Readiness over each profile, as {@code pacer kafka profile NAME --output} writes it and with production's security
 * settings added: no critical finding, and every trade-off the profile states is reported, below critical.
 */
class ProfileReadinessTest {

    /** What a production deployment adds to any profile: the profiles tune performance, not security. */
    private static final String SECURITY =
            "\nbootstrap.servers=kafka-1:9093\nsecurity.protocol=SASL_SSL\n" + "sasl.mechanism=SCRAM-SHA-512\n";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KafkaProfile.class)
    void aProfileHasNoCriticalFindingAndEachTradeOffIsStated(KafkaProfile profile) throws Exception {
        Path producer = Files.writeString(dir.resolve("producer.properties"), profile.producerFile() + SECURITY);
        Path consumer = Files.writeString(
                dir.resolve("consumer.properties"), profile.consumerFile() + SECURITY + "group.id=orders\n");
        ReadinessInput input = new ReadinessInput(
                Environment.PRODUCTION,
                ClientConfigFile.read(producer, ClientKind.PRODUCER).config(),
                ClientConfigFile.read(consumer, ClientKind.CONSUMER).config(),
                null,
                null,
                null,
                List.of(),
                null,
                null);

        ReadinessReport report = Readiness.run(
                input, List.of(), ReadinessChecks.all(), new ReadinessPolicy(0, Severity.CRITICAL), Instant.now());

        assertThat(report.findings())
                .as("critical findings for profile %s", profile.id())
                .noneMatch(f -> f.severity() == Severity.CRITICAL);
        List<Finding> stated = report.findings().stream()
                .filter(f -> f.ruleId().endsWith(".profile-trade-off"))
                .toList();
        assertThat(stated).hasSize(profile.tradeOffs().size());
        for (TradeOff t : profile.tradeOffs()) {
            assertThat(stated)
                    .as("trade-off of %s: %s", profile.id(), t.statement())
                    .anyMatch(f -> f.title().endsWith(t.statement())
                            && f.ruleId().startsWith(t.client())
                            && f.severity()
                                    == (t.severity() == TradeOff.Severity.WARNING ? Severity.WARNING : Severity.INFO)
                            && f.evidence().stream()
                                    .allMatch(e -> e.where().startsWith(t.client() + ".properties:")
                                            || e.where().equals("default")));
        }
    }
}
