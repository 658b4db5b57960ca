package io.pacer.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The history file format of docs/lag-history.md: what reads, what is refused and how the refusal reads. */
class LagHistoriesTest {

    /** A small history mixing untimed and timed log-end offsets. */
    static final String EXAMPLE = """
            {"group": "billing", "now": 1000000, "allowedLag": 0, "partitions": [
              {"topic": "orders", "partition": 0,
               "commits": [{"offset": 100, "lag": 0, "timestamp": 400000},
                           {"offset": 160, "lag": 5, "timestamp": 460000},
                           {"offset": 220, "lag": 0, "timestamp": 520000}],
               "logEndOffsets": [220, {"offset": 221, "timestamp": 990000}],
               "currentLag": 1}]}
            """;

    @Test
    void aHistoryReadsAndEvaluates() throws Exception {
        LagHistory history = read(EXAMPLE);
        LagResult result = LagEvaluator.evaluate(history);

        assertThat(history.partitions().get(0).logEndOffsets())
                .containsExactly(LagHistory.LogEndOffset.untimed(220), new LagHistory.LogEndOffset(221, 990000L));
        assertThat(result.group().status()).isEqualTo(LagStatus.OK);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LagHistories.write(result, out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"status\" : \"OK\"")
                .contains("\"topic\" : \"orders\"")
                .contains("\"lagSeconds\"")
                .contains("\"catchUpSeconds\"")
                .contains("\"reason\"");
    }

    @Test
    void theExamplesOfTheDocumentEvaluateAsItSays() throws Exception {
        String doc = Files.readString(Path.of("../docs/lag-history.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).hasSize(3);

        LagResult gaining = LagEvaluator.evaluate(read(blocks.get(0)));
        assertThat(LagHistories.toJson(gaining)).isEqualTo(blocks.get(1));
        LagResult idle = LagEvaluator.evaluate(read(blocks.get(2)));
        assertThat(idle.group().status()).isEqualTo(LagStatus.OK);
        assertThat(idle.partitions().get(0).burrowStatus()).isEqualTo(LagStatus.STOP);
        assertThat(doc.replaceAll("\\s+", " "))
                .contains(idle.partitions().get(0).reason());
    }

    @Test
    void aWrittenHistoryReadsBackEqual() throws Exception {
        LagHistory history = read(EXAMPLE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LagHistories.write(history, out);

        assertThat(read(out.toString(StandardCharsets.UTF_8))).isEqualTo(history);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"group": "g", "partitions": []}                                  | now must be set (epoch milliseconds), but was null
            {"group": " ", "now": 1, "partitions": []}                         | group must be the consumer group's name, but was ' '
            {"group": "g", "now": 1, "allowedLag": -1, "partitions": []}       | allowedLag must be >= 0, but was -1
            {"group": "g", "now": 1}                                           | partitions must be a list (empty for none), but was null
            {"group": "g", "now": "soon", "partitions": []}                    | now must be a whole number (line 1, column
            {"group": "g", "now": 9, "partitions": [{"topic": "t", "partition": 0, "commits": [], "currentLag": -2}]} | partitions[0]: currentLag must be >= 0, but was -2
            {"group": "g", "now": 9, "partitions": [{"topic": "t", "partition": 0, "commits": []}]} | partitions[0]: currentLag must be set (the lag now in records, >= 0), but was null
            {"group": "g", "now": 9, "partitions": [{"topic": "t", "partition": 0, "commits": [{"offset": -1, "timestamp": 1}], "currentLag": 0}]} | partitions[0].commits[0]: offset must be >= 0, but was -1
            {"group": "g", "now": 9, "partitions": [{"topic": "t", "partition": 0, "commits": [{"offset": 5, "timestamp": 8}, {"offset": 6, "timestamp": 7}], "currentLag": 0}]} | partitions[0]: commits must be oldest first, but commits[1].timestamp 7 is before commits[0].timestamp 8
            {"group": "g", "now": 5, "partitions": [{"topic": "t", "partition": 0, "commits": [{"offset": 5, "timestamp": 8}], "currentLag": 0}]} | partitions[0].commits: the newest commit's timestamp 8 is after now 5
            {"group": "g", "now": 9, "partitions": [{"topic": "t", "partition": 0, "commits": [], "logEndOffsets": ["x"], "currentLag": 0}]} | partitions[0].logEndOffsets[0] must be a number or an object
            {"group": "g", "now": 9, "partitions": [{"topic": "a b", "partition": 0, "commits": [], "currentLag": 0}]} | partitions[0]: topic must be a Kafka topic name
            {"group": "g", "now": 9, "partitions": [{"topic": "t", "partition": 0, "commits": [], "currentLag": 0}, {"topic": "t", "partition": 0, "commits": [], "currentLag": 0}]} | partitions[1] repeats t-0: list each partition once
            {"group": "g", "now": 9, "partitions": [                           | not valid JSON
            ''                                                                 | the file is empty
            """)
    void badInputNamesTheFieldAndTheRule(String json, String expected) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(LagHistoryException.class)
                .hasMessageStartingWith("history.json: ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static LagHistory read(String json) throws Exception {
        return LagHistories.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "history.json");
    }
}
