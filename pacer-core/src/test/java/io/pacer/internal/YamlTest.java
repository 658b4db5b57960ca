package io.pacer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.internal.Yaml.Node;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one located YAML reader: where every value and key was written, and errors in one shape. */
class YamlTest {

    @Test
    void everyValueKnowsWhereItAndItsKeyWereWrittenAndItsPath() {
        Node doc = Yaml.parse("""
                name: nightly
                scenarios:
                  - rate: 1_000
                    fast: true
                    ratio: 0.5
                    gates: [p95<1s, "lost=0"]
                    nothing:
                """, "s.yaml");

        assertThat(doc.fields()).containsOnlyKeys("name", "scenarios");
        assertThat(List.copyOf(doc.fields().keySet())).containsExactly("name", "scenarios");
        Node scenario = doc.fields().get("scenarios").items().get(0);
        assertThat(scenario.path()).isEqualTo("scenarios[0]");
        assertThat(scenario.at()).hasToString("s.yaml:3:5");
        Node rate = scenario.fields().get("rate");
        assertThat(rate.text()).as("as written").isEqualTo("1_000");
        assertThat(rate.number()).isEqualTo(1000);
        assertThat(rate.keyAt()).hasToString("s.yaml:3:5");
        assertThat(rate.at()).hasToString("s.yaml:3:11");
        assertThat(rate.path()).isEqualTo("scenarios[0].rate");
        assertThat(scenario.fields().get("fast").value()).isEqualTo(true);
        assertThat(scenario.fields().get("ratio").number()).isEqualTo(0.5);
        Node gates = scenario.fields().get("gates");
        assertThat(gates.items()).extracting(Node::string).containsExactly("p95<1s", "lost=0");
        assertThat(gates.items().get(1).path()).isEqualTo("scenarios[0].gates[1]");
        assertThat(gates.items().get(1).at()).as("at its opening quote").hasToString("s.yaml:6:21");
        assertThat(gates.items().get(1).keyAt()).isEqualTo(gates.items().get(1).at());
        assertThat(scenario.fields().get("nothing").isNull()).isTrue();
        assertThat(scenario.fields().get("nothing").kind()).isEqualTo("nothing");
    }

    @Test
    void jsonIsYamlAndAnEmptyDocumentIsNothingAtTheStart() {
        assertThat(Yaml.parse("{\"a\": [1, 2]}", "x.json").fields().get("a").items())
                .extracting(Node::number)
                .containsExactly(1.0, 2.0);
        Node empty = Yaml.parse("# only a comment\n", "e.yaml");
        assertThat(empty.isNull()).isTrue();
        assertThat(empty.at()).hasToString("e.yaml:1:1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            repeated key   | 'a: 1\\nb: 2\\na: 3'             | 3 | 1 | a        | appears twice (first at line 1); keep one
            not YAML       | 'a: [1'                         | 1 | 6 | ''       | not valid YAML: while parsing a flow sequence
            unknown field  | 'rules: {nmae: x}'              | 1 | 9 | rules.nmae | unknown field 'nmae'; known: name, metric
            not a number   | 'rules: {name: high}'           | 1 | 9 | rules.name | must be a number, but was 'high'
            not a list     | 'rules: {name: x}'              | 1 | 1 | rules    | must be a list, but was a mapping
            quoted number  | 'rules: {name: \"0.5\"}'         | 1 | 9 | rules.name | must be a number, but was '0.5'
            """)
    void errorsNameFileLineColumnAndField(
            String what, String yaml, int line, int column, String field, String problem) {
        assertThatThrownBy(() -> {
                    Node doc = Yaml.parse(yaml.replace("\\n", "\n"), "f.yaml");
                    Node rules = doc.fields().get("rules");
                    switch (what) {
                        case "unknown field" -> rules.fields(List.of("name", "metric"));
                        case "not a list" -> rules.items();
                        default -> rules.fields().get("name").number();
                    }
                })
                .as(what)
                .isInstanceOfSatisfying(YamlException.class, e -> {
                    assertThat(e.file()).isEqualTo("f.yaml");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).startsWith(problem);
                    assertThat(e.getMessage())
                            .isEqualTo("f.yaml:" + line + ":" + column + ": " + (field.isEmpty() ? "" : field + ": ")
                                    + e.problem())
                            .doesNotContain("\n");
                });
    }
}
