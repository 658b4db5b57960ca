/**
 * The health score: {@link io.pacer.monitor.health.HealthScore#score} turns the latest samples and the alert engine's
 * active alerts into 0–100 per component and overall, with every point lost explained ({@code docs/alerts.md}).
 */
package io.pacer.monitor.health;
