package io.pacer.verdict.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/readiness.md names every rule with the severities the code gives it, and the score's weights and points. */
class ReadinessDocsTest {

    private static final Path DOC = Path.of("../docs/readiness.md");

    @Test
    void everyClientRuleIsDocumentedWithItsSeverities() throws Exception {
        String doc = Files.readString(DOC);
        List<Rule> rules = Stream.of(ProducerChecks.RULES, ConsumerChecks.RULES, ClientSecurityChecks.RULES)
                .flatMap(List::stream)
                .toList();
        for (Rule r : rules) {
            String row = "| `" + r.id() + "` | " + r.category().label() + " | "
                    + r.production().label() + " | " + r.staging().label() + " | "
                    + r.development().label() + " |";
            assertThat(doc).as("docs/readiness.md row for %s", r.id()).contains(row);
        }
    }

    @Test
    void everyRegisteredRuleIdIsDocumented() throws Exception {
        String doc = Files.readString(DOC);
        ReadinessChecks.all().stream()
                .flatMap(c -> c.ruleIds().stream())
                .forEach(id ->
                        assertThat(doc).as("docs/readiness.md mentions %s", id).contains("`" + id + "`"));
    }

    @Test
    void ruleIdsAreUnique() {
        List<String> ids = ReadinessChecks.all().stream()
                .flatMap(c -> c.ruleIds().stream())
                .toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void theWeightsAndPointsAreTheDocumentedOnes() throws Exception {
        String doc = Files.readString(DOC);
        for (Category c : Category.values()) {
            assertThat(doc).contains("| " + c.label() + " | " + ReadinessScore.weight(c) + " |");
        }
        for (Severity s : Severity.values()) {
            assertThat(doc).contains("| " + s.label() + " | " + ReadinessScore.points(s) + " |");
        }
    }
}
