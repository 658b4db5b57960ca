/**
 * Trends, change points and forecasts of stored series: whether a metric is improving, stable or degrading (with the
 * statistic), where it changed significantly and what the history says happened then (actions applied, load changes,
 * restarts), and a forecast with a prediction interval that must beat a seasonal-naive forecast on held-out data.
 */
package io.pacer.analysis.trend;
