package io.pacer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.embedded.EmbeddedRedis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lifecycle methods and tests of one class receive the same servers. */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
@Timeout(60)
class ExtensionsTest {

    private static EmbeddedKafka kafkaInBeforeAll;
    private static EmbeddedRedis redisInBeforeAll;

    @BeforeAll
    static void capture(EmbeddedKafka kafka, EmbeddedRedis redis) {
        kafkaInBeforeAll = kafka;
        redisInBeforeAll = redis;
    }

    @Test
    void testsGetTheServersTheClassStartedWith(EmbeddedKafka kafka, EmbeddedRedis redis) {
        assertThat(kafka).isSameAs(kafkaInBeforeAll);
        assertThat(redis).isSameAs(redisInBeforeAll);
        assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(redis.uri()).startsWith("redis://127.0.0.1:");
    }
}
