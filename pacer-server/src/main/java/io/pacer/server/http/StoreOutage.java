package io.pacer.server.http;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The one place that tells "the store's database cannot be reached" from every other failure, so that while
 * PostgreSQL is down every read answers 503 with a problem (and {@code Retry-After}) instead of a 500: the pool timing
 * out for a connection (HikariCP's {@link SQLTransientConnectionException}), a connection exception (SQLSTATE class
 * 08), the server shutting down or starting (57P01, 57P02, 57P03), or a socket failure under a driver's exception.
 * Whatever the layers wrapped around it (the stores throw {@code IllegalStateException} with the cause kept).
 */
public final class StoreOutage {

    /** What a 503 tells clients to wait before retrying. */
    public static final long RETRY_AFTER_SECONDS = 5;

    private StoreOutage() {}

    /** Whether {@code failure}, or anything that caused it, says the database cannot be reached. */
    public static boolean isOutage(Throwable failure) {
        boolean underSql = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                underSql = true;
                String state = sql.getSQLState();
                if (state != null
                        && (state.startsWith("08")
                                || state.equals("57P01")
                                || state.equals("57P02")
                                || state.equals("57P03"))) {
                    return true;
                }
            }
            if (underSql && (t instanceof ConnectException || t instanceof SocketException)) {
                return true;
            }
        }
        return false;
    }

    /** The 503 problem for {@code failure}: what is down, never the driver's whole message. */
    public static ApiException problem(Throwable failure) {
        return ApiException.unavailable("the store's database cannot be reached; the service keeps buffering samples"
                + " and recovers by itself when it is back: retry in " + RETRY_AFTER_SECONDS + " s");
    }
}
