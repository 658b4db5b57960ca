/**
 * Real servers for tests, the demo and zero-setup benchmarks, with no Docker and nothing to install first.
 *
 * <ul>
 *   <li>{@link io.pacer.embedded.EmbeddedKafka}: a single-node KRaft broker inside this JVM, or in its own process
 *       through {@code EmbeddedKafka.main}, which prints {@code BOOTSTRAP=host:port} and stops when stdin ends.</li>
 *   <li>{@link io.pacer.embedded.EmbeddedRedis}: a private {@code redis-server} child process on a free loopback
 *       port that can be stopped and restarted in place.</li>
 * </ul>
 *
 * <p>Kafka logs through SLF4J; this module binds it to log4j2 ({@code log4j-slf4j2-impl}) and nothing else. Tests
 * here use {@code log4j2-test.xml} (warnings only); {@code EmbeddedKafka.main} selects
 * {@code pacer-embedded-log4j2.xml}, which logs warnings to stderr only.
 */
package io.pacer.embedded;
