package io.pacer.monitor.collect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Target addresses as they may be shown: users put credentials in the URLs they watch ({@code
 * http://scraper:pw@app/metrics}, {@code ...?access_token=...}, {@code jdbc:postgresql://db/app?password=...}), and a
 * collector's name, its {@code target} label, its error texts, the service's lists, logs and metrics all show the
 * address. {@link #masked} replaces every such secret by {@value #MASK} wherever it stands in a text, so that it can
 * be applied to a URL or to a whole message quoting one (also one that failed to parse).
 */
public final class Secrets {

    /** What a secret is replaced by. */
    public static final String MASK = "***";

    /** The user info of a URL: {@code ://user:password@} or {@code ://token@}, up to the last {@code @} of the host. */
    private static final Pattern USER_INFO = Pattern.compile("://([^/?\\s'\"]*)@");

    /**
     * A query or JDBC parameter whose value is a secret: {@code token=}, {@code access_token=}, {@code apikey=},
     * {@code api_key=}, {@code key=}, {@code password=}, {@code sslpassword=}, {@code client_secret=}, {@code auth=}…
     * The value ends at {@code & # ;}, white space, a quote, or a colon that ends a phrase ({@code GET URL: reason}).
     */
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)\\b([a-z0-9_.-]*(?:token|key|secret|password|passwd|pwd|credentials?|signature|auth"
                    + "|authorization)|sig)=(?:[^&#;:\\s'\"]|:(?!\\s|$))*");

    private Secrets() {}

    /**
     * {@code text} with the password (or a lone token) of every URL's user info and the value of every token-like
     * parameter replaced by {@value #MASK}: {@code http://scraper:***@app/metrics?token=***}. Null stays null.
     */
    public static String masked(String text) {
        if (text == null) {
            return null;
        }
        Matcher userInfo = USER_INFO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (userInfo.find()) {
            String info = userInfo.group(1);
            int colon = info.indexOf(':');
            String shown = colon < 0 ? MASK : info.substring(0, colon) + ":" + MASK;
            userInfo.appendReplacement(out, Matcher.quoteReplacement("://" + shown + "@"));
        }
        userInfo.appendTail(out);
        return SECRET_PARAMETER.matcher(out).replaceAll("$1=" + Matcher.quoteReplacement(MASK));
    }
}
