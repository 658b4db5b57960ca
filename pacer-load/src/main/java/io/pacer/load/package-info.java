/**
 * Pacer's measuring instrument: a load engine that paces operations (open model at a target rate, closed model
 * with N users, or unlimited), hands each one to a {@link io.pacer.load.Driver} and measures its latency from
 * the intended start time into HdrHistograms, per interval and overall.
 *
 * <pre>
 *   Workload ──▶ LoadEngine ──(Call: user, sequence, intended start)──▶ Driver.start ──▶ Kafka / HTTP / replay
 *                    ▲                                                      │
 *                    └──────────── Outcome (ok/status, label, records, bytes) ◀┘
 *                    │
 *                    └──▶ intervals ──▶ RunListener (progress)      final ──▶ RunResult ──▶ JSON
 * </pre>
 *
 * <p>Public API: {@link io.pacer.load.LoadEngine} (entry point) returning a {@link io.pacer.load.LoadRun};
 * {@link io.pacer.load.RunListener} for live {@link io.pacer.load.IntervalStats}; the immutable
 * {@link io.pacer.load.RunResult} and {@link io.pacer.load.RunResults} (JSON, merge). Inside, one pacing thread
 * issues operations ({@code PacingLoop}, {@code OpenSchedule}), completions are recorded lock-free from any thread into a
 * {@code Tally} whose buckets a reporter thread swaps once per interval ({@code Reporter}, {@code SteadyRule}).
 */
package io.pacer.load;
