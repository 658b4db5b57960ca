package io.pacer.server.cluster;

import io.pacer.monitor.store.StoreConfig;
import java.time.Clock;

/**
 * Whether this instance is the one that runs the work only one instance may do — the alert evaluator, so that alerts
 * fire once however many instances share a PostgreSQL store. On PostgreSQL the leader is the instance holding an
 * advisory lock on a connection of its own: when it stops or dies, the database ends its session and frees the lock,
 * and another instance takes it at its next check (within {@link AdvisoryLockLeadership#DEFAULT_CHECK_INTERVAL}). On
 * SQLite there is one instance per store, always the leader.
 *
 * <p>Ask {@link #isLeader()} before each piece of such work; the answer can change at any time.
 */
public interface Leadership extends AutoCloseable {

    /** Whether this instance leads now. */
    boolean isLeader();

    /**
     * Whether this instance leads, or led last and no other instance is known to have taken over since — while the
     * database is away, nobody holds the lock, but the last leader keeps what only the leader keeps (a shared target's
     * samples, buffered until the database is back), so that an outage loses none of them.
     */
    default boolean leadsOrLedLast() {
        return isLeader();
    }

    /** Whether other instances may share the store (PostgreSQL), so that leading means something. */
    default boolean shared() {
        return true;
    }

    /** What this instance's role is, for {@code /health} and logs: {@code leader}, {@code follower (…)}. */
    String describe();

    /** Gives up leadership (another instance takes over at its next check) and stops checking. */
    @Override
    void close();

    /** The leadership that fits {@code store}: an advisory lock on PostgreSQL, always the leader on SQLite. */
    static Leadership forStore(StoreConfig store, Clock clock) {
        if (store.jdbcUrl().startsWith("jdbc:sqlite:")) {
            return alwaysLeader();
        }
        return AdvisoryLockLeadership.start(store, AdvisoryLockLeadership.DEFAULT_CHECK_INTERVAL, clock);
    }

    /** The one instance on its store: always the leader. */
    static Leadership alwaysLeader() {
        return new Leadership() {
            @Override
            public boolean isLeader() {
                return true;
            }

            @Override
            public boolean shared() {
                return false;
            }

            @Override
            public String describe() {
                return "leader (single instance)";
            }

            @Override
            public void close() {}
        };
    }
}
