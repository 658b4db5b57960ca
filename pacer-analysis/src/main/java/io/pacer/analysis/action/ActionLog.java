package io.pacer.analysis.action;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where action records are kept: the service's database (its {@code pacer_action} table), so the history survives
 * restarts and a restarted service resumes scheduled actions and running verifications.
 */
public interface ActionLog {

    /** Inserts {@code record}, or replaces the record with its id. */
    void save(ActionRecord record);

    /** The record {@code id}, if any. */
    Optional<ActionRecord> find(String id);

    /** The newest {@code limit} records, newest first (by creation time). */
    List<ActionRecord> recent(int limit);

    /** Every record in one of {@code statuses} (a restarted service resumes the scheduled and verifying ones). */
    List<ActionRecord> withStatus(Set<ActionStatus> statuses);

    /** A log kept in memory only: for a process without a database (tests of the actions' logic, a dry run). */
    static ActionLog inMemory() {
        return new MemoryActionLog();
    }
}
