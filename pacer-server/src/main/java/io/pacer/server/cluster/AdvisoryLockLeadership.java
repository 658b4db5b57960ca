package io.pacer.server.cluster;

import io.pacer.internal.Check;
import io.pacer.monitor.store.StoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership by a PostgreSQL session-level advisory lock ({@code pg_try_advisory_lock}) held on a dedicated
 * connection — not one of the pool's, whose sessions come and go. Checked on a schedule: a follower tries to take the
 * lock, a leader checks that its connection still answers; a leader whose connection fails has lost the lock with
 * it (the server ends the session), so it stops leading at once and tries again on a new connection.
 */
final class AdvisoryLockLeadership implements Leadership {

    /** How often a follower tries to take the lock and a leader checks it still holds it. */
    static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);

    /** The lock's key: "pacer-al" (the alert evaluator's lock) as a 64-bit number. */
    static final long LOCK_KEY = 0x7061_6365_722d_616cL;

    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLockLeadership.class);
    private static final int VALID_TIMEOUT_SECONDS = 2;

    private final StoreConfig store;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService schedule;
    private Connection connection;
    private volatile boolean leader;
    private volatile boolean ledLast;
    private volatile String state = "follower (not checked yet)";
    private boolean closed;

    private AdvisoryLockLeadership(StoreConfig store, Duration interval, Clock clock) {
        this.store = store;
        this.interval = interval;
        this.clock = clock;
        this.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pacer-leadership");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks once now (so an instance that can lead does so from its start), then on a schedule. */
    static AdvisoryLockLeadership start(StoreConfig store, Duration interval, Clock clock) {
        Check.positive("leadership check interval", interval);
        AdvisoryLockLeadership leadership = new AdvisoryLockLeadership(store, interval, clock);
        leadership.run();
        return leadership;
    }

    private synchronized void run() {
        if (closed) {
            return;
        }
        Duration next = check(clock.instant());
        schedule.schedule(this::run, next.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes or confirms the lock at {@code now}.
     *
     * @return how long until the next check
     */
    synchronized Duration check(Instant now) {
        try {
            if (connection == null || connection.isClosed()) {
                connection = connect();
            }
            if (leader) {
                if (!connection.isValid(VALID_TIMEOUT_SECONDS)) {
                    throw new SQLException("the leader's connection no longer answers");
                }
            } else {
                try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    s.setLong(1, LOCK_KEY);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        leader = r.getBoolean(1);
                    }
                }
                ledLast = leader;
                if (leader) {
                    LOG.info("this instance leads (advisory lock {} on {}) since {}", LOCK_KEY, store.jdbcUrl(), now);
                }
            }
            state = leader ? "leader since " + now : "follower (another instance holds the lock)";
        } catch (SQLException e) {
            if (leader) {
                LOG.warn("this instance lost leadership at {}: {}", now, e.toString());
            }
            leader = false;
            state = "follower (the database cannot be reached: " + e.getMessage() + ")";
            closeConnection();
        }
        return interval;
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (store.user() != null) {
            properties.setProperty("user", store.user());
        }
        if (store.password() != null) {
            properties.setProperty("password", store.password());
        }
        properties.setProperty("ApplicationName", "pacer-leadership");
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(store.jdbcUrl(), properties);
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    /** True from taking the lock until a check on a working connection finds another instance holding it. */
    @Override
    public boolean leadsOrLedLast() {
        return ledLast;
    }

    @Override
    public String describe() {
        return state;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            leader = false;
            ledLast = false;
            state = "stopped";
            closeConnection();
        }
        schedule.shutdownNow();
    }

    /** Closing the session frees the lock at once; no unlock needed. */
    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the session is gone either way
            }
            connection = null;
        }
    }
}
