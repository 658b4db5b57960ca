package io.pacer.monitor.collect;

import io.pacer.internal.Check;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's address as {@code --redis} and {@code --jmx} take it: {@code host:port}, an IPv6 host in brackets
 * ({@code [::1]:6379}).
 */
public record HostPort(String host, int port) {
    private static final Pattern FORM = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9._-]+):([0-9]{1,5})");

    public HostPort {
        Check.notBlank("host", host, "a host name or address");
        Check.range("port", port, 1, 65535);
    }

    /**
     * Parses {@code host:port}.
     *
     * @param setting what the text was given as, for the message ({@code --redis})
     * @throws IllegalArgumentException naming {@code setting} and the rule when {@code text} is not {@code host:port}
     */
    public static HostPort parse(String setting, String text) {
        Matcher m = text == null ? null : FORM.matcher(text.strip());
        Check.that(m != null && m.matches(), setting, "host:port, e.g. 127.0.0.1:6379", Secrets.masked(text));
        int port = Integer.parseInt(m.group(2));
        Check.that(port >= 1 && port <= 65535, setting, "host:port with a port in [1, 65535]", text);
        return new HostPort(m.group(1), port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
