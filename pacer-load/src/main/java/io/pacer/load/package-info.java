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
 */
package io.pacer.load;
