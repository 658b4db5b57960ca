package io.pacer.verdict.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PropertiesLinesTest {

    @Test
    void entriesKeepTheLineTheyStartOn() throws Exception {
        String text = "# a comment\n"
                + "! another\n"
                + "\n"
                + "acks = all\n"
                + "   linger.ms:5\n"
                + "batch.size 65536\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\\n"
                + "    username=\"u\" \\\n"
                + "    password=\"p\";\n"
                + "client.id=a\\tb\\u0041\n";
        assertThat(PropertiesLines.parse(text))
                .containsExactly(
                        new PropertiesLines.Line("acks", "all", 4),
                        new PropertiesLines.Line("linger.ms", "5", 5),
                        new PropertiesLines.Line("batch.size", "65536", 6),
                        new PropertiesLines.Line(
                                "sasl.jaas.config",
                                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
                                        + " password=\"p\";",
                                7),
                        new PropertiesLines.Line("client.id", "a\tbA", 10));
    }

    @Test
    void aCommentDoesNotContinueAndAContinuedLineMayStartWithAHash() throws Exception {
        assertThat(PropertiesLines.parse("# comment \\\nkey=v\\\n#not a comment\r\nnext=1"))
                .containsExactly(
                        new PropertiesLines.Line("key", "v#not a comment", 2),
                        new PropertiesLines.Line("next", "1", 4));
    }

    @Test
    void aMalformedUnicodeEscapeNamesItsLine() {
        assertThatThrownBy(() -> PropertiesLines.parse("a=1\nb=\\u12G4\n"))
                .isInstanceOfSatisfying(
                        PropertiesLines.MalformedException.class,
                        e -> assertThat(e.line).isEqualTo(2));
    }

    /** Random texts over the characters the syntax cares about read the same as java.util.Properties reads them. */
    @Test
    void readsWhatJavaUtilPropertiesReads() throws Exception {
        String alphabet = "ab=:  \t\f\\\\\n\n\r#!u0fF9é";
        Random random = new Random(12);
        for (int run = 0; run < 50_000; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Properties expected = new Properties();
            boolean javaFailed = false;
            try {
                expected.load(new StringReader(text.toString()));
            } catch (IllegalArgumentException | IOException e) {
                javaFailed = true;
            }
            Map<String, String> ours = new HashMap<>();
            boolean oursFailed = false;
            try {
                List<PropertiesLines.Line> lines = PropertiesLines.parse(text.toString());
                lines.forEach(l -> ours.put(l.key(), l.value()));
            } catch (PropertiesLines.MalformedException e) {
                oursFailed = true;
            }
            String shown = text.toString().replace("\n", "\\n").replace("\r", "\\r");
            assertThat(oursFailed).as("fails on %s", shown).isEqualTo(javaFailed);
            if (!javaFailed) {
                Map<String, String> theirs = new HashMap<>();
                expected.stringPropertyNames().forEach(k -> theirs.put(k, expected.getProperty(k)));
                assertThat(ours).as("entries of %s", shown).isEqualTo(theirs);
            }
        }
    }
}
