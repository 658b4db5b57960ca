/**
 * Test fixtures for Pacer's own tests and for tests of code built on Pacer; depend on {@code pacer-testing}
 * (test scope, {@code <type>pom</type>}) to get them. Not part of pacer-core's API.
 *
 * <ul>
 *   <li>{@link io.pacer.testing.InMemorySink}: a {@code BatchSink} that records what it receives and can be
 *       scripted to fail, reject single events, hang or lag — lag in real time, or in the time of a
 *       {@link io.pacer.testing.ManualTicker}, so that time-driven tests never wait.</li>
 *   <li>{@link io.pacer.testing.ManualTicker}: a {@code Ticker} that moves only when told to.</li>
 *   <li>{@link io.pacer.testing.Await}: the one bounded poll for a condition something outside the test makes
 *       true; it fails with what it waited for and the last value it saw.</li>
 *   <li>{@link io.pacer.testing.KafkaExtension}: one embedded broker for the whole test run, started on first
 *       use and closed when the run ends; tests share it, so give topics names of their own.</li>
 *   <li>{@link io.pacer.testing.Topics}: creates a topic on the embedded broker through
 *       {@code io.pacer.kafka.KafkaSetup}, safe for idempotent producers when it returns.</li>
 *   <li>{@link io.pacer.testing.RedisExtension}: one private redis-server per test class, closed after the
 *       class; tests of that class may stop and restart it.</li>
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(RedisExtension.class)
 * class TieredCacheTest {
 *     @Test
 *     void survivesRedisOutage(EmbeddedRedis redis) {
 *         redis.stop();                                     // clients now get connection refused
 *         ...
 *         redis.restart();                                  // same port, empty data set
 *     }
 * }
 * }</pre>
 */
package io.pacer.testing;
