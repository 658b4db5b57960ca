package io.pacer.monitor.collect;

import io.pacer.internal.Check;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL server to watch, from {@code --postgres}: a JDBC URL ({@code jdbc:postgresql://host:5432/app?user=u&
 * password=p}) or the libpq form most tools print ({@code postgresql://u:p@host:5432/app}). Credentials never show:
 * {@link #display()} is {@code host:port/database}, and an error quoting a bad URL {@linkplain Secrets#masked masks}
 * them. Public so that the analysis (the index advisor, the PostgreSQL executors) reaches the same servers by the same
 * URLs without a second parser.
 *
 * @param jdbcUrl the URL given to the driver, credentials of the libpq form moved into {@code properties}
 * @param properties {@code user} and {@code password} taken from a libpq URL's user info
 * @param display {@code host:port/database}
 */
public record PostgresTarget(String jdbcUrl, Map<String, String> properties, String display) {
    private static final String RULE =
            "a PostgreSQL URL: jdbc:postgresql://host:5432/db?user=u&password=p or" + " postgresql://u:p@host:5432/db";

    public PostgresTarget {
        properties = Map.copyOf(properties);
    }

    /** @throws IllegalArgumentException naming {@code setting} when {@code text} is neither form */
    public static PostgresTarget parse(String setting, String text) {
        Check.notBlank(setting, text, RULE);
        String url = text.strip();
        boolean jdbc = url.startsWith("jdbc:postgresql://");
        boolean libpq = url.startsWith("postgresql://") || url.startsWith("postgres://");
        String shown = Secrets.masked(text);
        Check.that(jdbc || libpq, setting, RULE, shown);
        URI uri;
        try {
            uri = URI.create(jdbc ? url.substring("jdbc:".length()) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " must be " + RULE + ", but was '" + shown + "' ("
                    + Secrets.masked(e.getMessage()) + ")");
        }
        Check.that(uri.getHost() != null, setting, RULE + " with a host", shown);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath();
        String display = uri.getHost() + ":" + port + path;
        if (jdbc) {
            return new PostgresTarget(url, Map.of(), display);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            properties.put("user", URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8));
            if (userInfo.length == 2) {
                properties.put("password", URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8));
            }
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new PostgresTarget(
                "jdbc:postgresql://" + uri.getHost() + ":" + port + path + query, properties, display);
    }

    /**
     * A new connection (autocommit), every network wait bounded by {@code timeout} (connecting and each read), named
     * {@code application} in {@code pg_stat_activity}; close it.
     */
    public Connection connect(Duration timeout, String application) throws SQLException {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        Properties connection = new Properties();
        connection.putAll(properties);
        connection.setProperty("connectTimeout", Integer.toString(Math.min(seconds, 60)));
        connection.setProperty("socketTimeout", Integer.toString(seconds));
        connection.setProperty("ApplicationName", application);
        Connection c = DriverManager.getConnection(jdbcUrl, connection);
        c.setAutoCommit(true);
        return c;
    }

    @Override
    public String toString() {
        return display;
    }
}
