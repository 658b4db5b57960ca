/**
 * Production readiness: rules that read client configuration files, a live cluster, the host and a short benchmark,
 * and turn what they see into {@link io.pacer.verdict.readiness.Finding findings} — each with its evidence, why it
 * matters and the exact fix — and a score from 0 to 100 in which every point is accounted for.
 *
 * <p>A rule's verdict about a client setting must agree with what the real Kafka client does; the contract test
 * builds real clients from each rule's failing and passing configurations to prove it.
 */
package io.pacer.verdict.readiness;
