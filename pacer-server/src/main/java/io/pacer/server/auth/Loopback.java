package io.pacer.server.auth;

import java.util.Locale;

/** Internal, not API. Whether a host name or address stays on this machine, decided without a DNS lookup. */
public final class Loopback {

    private Loopback() {}

    /** {@code 127.0.0.0/8}, {@code ::1} and {@code localhost} (with or without brackets or a port). */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end > 0 ? h.substring(1, end) : h;
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.indexOf(':') > 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
