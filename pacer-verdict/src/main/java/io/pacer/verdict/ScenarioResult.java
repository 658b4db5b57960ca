package io.pacer.verdict;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pacer.load.RunResult;
import java.util.List;
import java.util.Objects;

/**
 * One scenario of a suite run: the run it measured and every gate checked against it.
 *
 * @param name the scenario's name in the suite ({@code baseline}, {@code stress})
 * @param driver the driver as the CLI names it ({@code kafka produce}, {@code stream}, {@code batcher})
 * @param run the measured run; for a capacity search, the last step that met every gate (or the first step when
 *     none did)
 * @param gates every gate of the scenario checked against {@code run}, in the order the suite wrote them
 * @param capacity the capacity search's steps and findings; null for a scenario that is not a search
 * @param error why the scenario could not run to the end (an unreachable target); null when it did
 */
public record ScenarioResult(
        String name, String driver, RunResult run, List<GateResult> gates, CapacityResult capacity, String error) {

    public ScenarioResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        gates = List.copyOf(gates);
    }

    /** Whether the scenario ran and every gate passed. */
    @JsonProperty(value = "passed", access = JsonProperty.Access.READ_ONLY)
    public boolean passed() {
        return error == null && gates.stream().allMatch(GateResult::passed);
    }
}
