/**
 * Monitoring: collectors ({@link io.pacer.monitor.Collector}) yield {@link io.pacer.monitor.Sample}s into a history
 * store (SQLite by default, PostgreSQL for teams) with rollups and retention; alert rules and the health score read
 * from it; Kafka consumer lag is evaluated, not just reported.
 */
package io.pacer.monitor;
