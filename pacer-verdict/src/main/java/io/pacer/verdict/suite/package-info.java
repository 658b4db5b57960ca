/**
 * Suites: {@code pacer full}. A {@link io.pacer.verdict.suite.SuiteFile} (YAML, errors with file, line and column)
 * holds {@link io.pacer.verdict.suite.Scenario}s; the {@link io.pacer.verdict.suite.SuiteRunner} runs each through a
 * {@link io.pacer.verdict.suite.ScenarioLauncher} (the CLI implements it with its own commands), judges it by its gates
 * ({@link io.pacer.load.Gate}), stops it early with {@code abortOnFail}, runs the capacity search, and returns a
 * {@link io.pacer.verdict.SuiteResult}; {@link io.pacer.verdict.suite.ConsoleReport} prints it.
 *
 * <pre>
 *   suite.yaml ─▶ SuiteFile ─▶ Suite ─▶ SuiteRunner ──▶ ScenarioLauncher.prepare ─▶ workload + driver
 *                                          │                  LoadEngine ◀──────────────┘
 *                                          │                  (+ AbortOnFail, HeapSampling)
 *                                          ├─ CapacitySearch: steps ─▶ capacity, knee, limitedBy
 *                                          └─ Judge: gates ─▶ GateResult ─▶ SuiteResult ─▶ console · JSON
 * </pre>
 */
package io.pacer.verdict.suite;
