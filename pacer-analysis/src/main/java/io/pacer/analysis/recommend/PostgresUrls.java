package io.pacer.analysis.recommend;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The PostgreSQL URL a recommendation's action targets, without a password ever: findings name a server as the
 * monitor shows it ({@code host:port/database}); the executors take a URL. When the analysis was given the configured
 * URL of that server, its user and options are kept and its password dropped (the executor then authenticates as
 * libpq does: {@code PGPASSWORD} or {@code ~/.pgpass}, or the service maps the target to its configured connection);
 * otherwise the target becomes {@code postgresql://host:port/database}.
 */
final class PostgresUrls {

    private PostgresUrls() {}

    /** The action target for the server shown as {@code display}, given the configured URLs. */
    static String target(String display, List<String> configured) {
        for (String url : configured) {
            if (display.equals(display(url))) {
                return withoutPassword(url);
            }
        }
        return "postgresql://" + display;
    }

    /** {@code host:port/database} as the monitor shows a URL (port 5432 and database {@code postgres} by default). */
    static String display(String url) {
        String text = url.strip();
        boolean jdbc = text.startsWith("jdbc:postgresql://");
        if (!jdbc && !text.startsWith("postgresql://") && !text.startsWith("postgres://")) {
            return null;
        }
        try {
            URI uri = URI.create(jdbc ? text.substring("jdbc:".length()) : text);
            if (uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath();
            return uri.getHost() + ":" + port + path;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code url} with its password (user info or {@code password=} option) removed. */
    static String withoutPassword(String url) {
        String text = url.strip().replaceFirst("://([^:/@]+):[^@/]*@", "://$1@");
        int q = text.indexOf('?');
        if (q < 0) {
            return text;
        }
        String options = Arrays.stream(text.substring(q + 1).split("&"))
                .filter(o -> !o.toLowerCase(java.util.Locale.ROOT).startsWith("password="))
                .collect(Collectors.joining("&"));
        return options.isEmpty() ? text.substring(0, q) : text.substring(0, q + 1) + options;
    }
}
