package io.pacer.analysis.action;

import io.pacer.internal.Check;

/**
 * One setting a plan changes, with its value now and the value after: what a dry run shows and what revert restores.
 *
 * @param setting what is changed, fully qualified ({@code topic orders: linger.ms}, {@code index orders(customer_id)})
 * @param before its value when planned; null when it does not exist yet (an index to create)
 * @param after its value once applied; null when it will not exist (an index to drop)
 */
public record Change(String setting, String before, String after) {

    public Change {
        Check.notBlank("change setting", setting, "what is changed");
    }
}
