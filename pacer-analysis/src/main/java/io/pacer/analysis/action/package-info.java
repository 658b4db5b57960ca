/**
 * Reversible optimisation actions. An {@link io.pacer.analysis.action.ActionExecutor} knows one kind of change (a
 * Pacer tunable through the application's agent, a Kafka topic config, a Redis setting, a PostgreSQL index or
 * setting): it {@linkplain io.pacer.analysis.action.ActionExecutor#plan plans} a change as a dry run that reads the
 * current state, {@linkplain io.pacer.analysis.action.ActionExecutor#apply applies} exactly that plan (or refuses with
 * {@link io.pacer.analysis.action.StalePlanException} when the state moved since), and
 * {@linkplain io.pacer.analysis.action.ActionExecutor#revert reverts} to the state the plan saw.
 *
 * <p>{@link io.pacer.analysis.action.Actions} runs them for the service: keeps plans, applies now or on a schedule,
 * verifies each applied change over a measurement window with the verdict module's comparison statistics, reverts on
 * degradation beyond the tolerance, runs auto-optimisation (off by default) within a change budget, and records every
 * step in the history (who, when, what, before, after, verdict, rollback).
 */
package io.pacer.analysis.action;
