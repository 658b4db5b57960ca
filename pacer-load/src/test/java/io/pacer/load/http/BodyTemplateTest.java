package io.pacer.load.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BodyTemplateTest {

    @Test
    void fillsEveryPlaceholderAndKeepsTheLiteralsAroundThem() {
        BodyTemplate template = BodyTemplate.parse("{{seq}}-{{ user }}:{{now_ms}} é{{seq}}");
        assertThat(render(template, 9_000_000_000L, 3, 1_700_000_000_123L))
                .isEqualTo("9000000000-3:1700000000123 é9000000000");
    }

    @Test
    void aUuidIsRandomPerCallAndVersion4() {
        BodyTemplate template = BodyTemplate.parse("{{uuid}}");
        UUID first = UUID.fromString(render(template, 0, 0, 0));
        UUID second = UUID.fromString(render(template, 0, 0, 0));
        assertThat(first).isNotEqualTo(second);
        assertThat(first.version()).isEqualTo(4);
        assertThat(first.variant()).isEqualTo(2);
    }

    @Test
    void textWithoutPlaceholdersOrWithUnclosedBracesIsLiteral() {
        assertThat(render(BodyTemplate.parse("{\"a\":{\"b\":1}}"), 1, 1, 1)).isEqualTo("{\"a\":{\"b\":1}}");
        assertThat(render(BodyTemplate.parse("x{{seq"), 1, 1, 1)).isEqualTo("x{{seq");
        assertThat(render(BodyTemplate.parse(""), 1, 1, 1)).isEmpty();
    }

    private static String render(BodyTemplate template, long seq, int user, long nowMs) {
        return new String(template.render(seq, user, nowMs), StandardCharsets.UTF_8);
    }
}
