/**
 * The Pacer agent: a small, authenticated HTTP endpoint a running application starts so the monitoring service can
 * list and change its batchers' and caches' tunables and read their snapshots ({@link io.pacer.agent.PacerAgent}).
 * The service's {@code agent.tunable} actions plan, apply and revert through it.
 */
package io.pacer.agent;
