package io.pacer.analysis.action;

import java.time.Instant;

/**
 * Carries out one kind of change ({@link ActionRequest#kind()}): plan as a dry run, apply exactly the plan, revert to
 * what the plan saw. Implementations talk to the real system (the agent over HTTP, Kafka's AdminClient, Redis, JDBC),
 * bound every call in time, and never show a target's secrets.
 */
public interface ActionExecutor {

    /** The kind of request it carries out, e.g. {@code kafka.topic-config}. */
    String kind();

    /**
     * Reads the current state and returns the exact change the request makes.
     *
     * @throws IllegalArgumentException when the request's parameters are wrong (naming the parameter and what is
     *     allowed) or the value is out of the setting's range
     * @throws IllegalStateException when the target cannot be reached
     */
    Plan plan(ActionRequest request, Instant now);

    /**
     * Applies {@code plan}'s changes, after checking the state still matches every {@link Change#before()}.
     *
     * @throws StalePlanException when it does not; nothing was changed
     * @throws IllegalStateException when the target cannot be reached or refuses; nothing was changed, or the message
     *     says what was
     */
    void apply(Plan plan);

    /**
     * Restores every {@link Change#before()} of an applied plan (drops a created index, resets a setting).
     *
     * @throws IllegalStateException when the target cannot be reached or refuses
     */
    void revert(Plan plan);
}
