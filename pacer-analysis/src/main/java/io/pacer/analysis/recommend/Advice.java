package io.pacer.analysis.recommend;

import io.pacer.analysis.Finding;

/** What the catalogue says about one kind of finding. */
@FunctionalInterface
interface Advice {

    /** The advice for {@code finding}, reading what else it needs from {@code facts}; null for none. */
    Draft advise(Finding finding, Facts facts);
}
