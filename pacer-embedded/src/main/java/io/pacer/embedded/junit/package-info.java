/**
 * JUnit Jupiter extensions that hand tests real servers as parameters.
 *
 * <pre>{@code
 * @ExtendWith(KafkaExtension.class)
 * class OrdersSinkTest {
 *     @Test
 *     void writes(EmbeddedKafka kafka) {
 *         kafka.createTopic("orders-sink-test", 6);          // safe for idempotent producers on return
 *         ... new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), ...)) ...
 *     }
 * }
 *
 * @ExtendWith(RedisExtension.class)
 * class TieredCacheTest {
 *     @BeforeAll
 *     static void connect(EmbeddedRedis redis) { ... redis.uri() ... }
 *
 *     @Test
 *     void survivesRedisOutage(EmbeddedRedis redis) {
 *         redis.stop();                                     // clients now get connection refused
 *         ...
 *         redis.restart();                                  // same port, empty data set
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.pacer.embedded.junit.KafkaExtension}: one broker for the whole test JVM, started on first use and
 *       closed when the run ends; tests share it, so give topics names of their own.</li>
 *   <li>{@link io.pacer.embedded.junit.RedisExtension}: one server per test class, closed after the class; tests of
 *       that class may stop and restart it.</li>
 * </ul>
 */
package io.pacer.embedded.junit;
