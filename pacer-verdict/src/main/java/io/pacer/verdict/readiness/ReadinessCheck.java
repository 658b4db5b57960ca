package io.pacer.verdict.readiness;

import java.util.List;

/**
 * A group of rules over one kind of input (producer config, consumer config, the cluster, the host, …). A check
 * returns nothing when its input is absent from {@link ReadinessInput}: a readiness run scores only what it was
 * given, and says which categories it could not check.
 */
public interface ReadinessCheck {

    /** The category this check's findings are scored in. */
    Category category();

    /** Every rule id this check can report, so the documentation and the tests can list them. */
    List<String> ruleIds();

    /** Whether the input holds what this check reads. */
    boolean applies(ReadinessInput input);

    /** The findings for this input; empty when everything this check looks at is right. */
    List<Finding> check(ReadinessInput input);
}
