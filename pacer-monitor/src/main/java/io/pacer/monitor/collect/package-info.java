/**
 * Collectors and the runner that drives them: how {@code pacer monitor} gets its samples.
 *
 * <pre>
 *  TargetsConfig (flags, pacer.yaml targets:) ──▶ Collectors.of(config) ──▶ [host, jvm, jvm:app:9010,
 *                                                                           scrape:URL, health:URL,
 *                                                                           postgres:host:5432/db, redis:host:6379]
 *                                                                           (+ kafka, from the lag package)
 *  CollectorRunner.start(collectors, store)
 *     each collector: own thread, own interval, timeout per collection
 *     ──▶ store.accept(samples + collector.up/duration/samples)
 *     ──▶ health(): up / down with the reason, last duration, samples, failures, skipped cycles
 * </pre>
 *
 * <p>The public types are the entry points ({@link io.pacer.monitor.collect.CollectorRunner},
 * {@link io.pacer.monitor.collect.Collectors}) and records ({@link io.pacer.monitor.collect.CollectorHealth},
 * {@link io.pacer.monitor.collect.TargetsConfig}, {@link io.pacer.monitor.collect.HostPort}); the collectors
 * themselves are package-private. Every series is documented in {@code docs/metrics.md}.
 */
package io.pacer.monitor.collect;
