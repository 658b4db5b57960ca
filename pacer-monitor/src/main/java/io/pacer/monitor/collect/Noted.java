package io.pacer.monitor.collect;

import java.util.List;

/**
 * A collector that can say what it could not collect although its target answered — e.g. the postgres collector
 * without {@code pg_stat_statements}. The runner reads {@link #notes()} after each successful collection into
 * {@link CollectorHealth#notes()}, so a live table or the service can show why a series is missing.
 */
public interface Noted {

    /** What the latest collection could not read and why, with how to fix it; empty when nothing is missing. */
    List<String> notes();
}
