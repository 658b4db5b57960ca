package io.pacer.analysis.action;

/**
 * Apply refused: the target's state moved since the plan was made, so the plan shown is no longer the plan that would
 * be applied. The message names the setting, the value the plan saw and the value now; plan again.
 */
public class StalePlanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StalePlanException(String message) {
        super(message);
    }
}
