package io.pacer.server.runs;

import io.javalin.http.Context;
import io.pacer.verdict.report.HtmlReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Content-Security-Policy of a report page ({@code /api/runs/{id}/report}, {@code /comparison}): the service's own
 * policy, whose {@code script-src 'self'} would block the report's inline chart scripts, with exactly those scripts
 * allowed by their SHA-256 hashes. Any other inline script — say one smuggled into a run's name — stays blocked; the
 * report file {@code pacer report --html} writes stays self-contained.
 */
final class ReportPolicy {

    static final String HEADER = "Content-Security-Policy";

    /** {@code 'sha256-…'} of every script a report runs. */
    static final String SCRIPT_HASHES =
            HtmlReport.inlineScripts().stream().map(ReportPolicy::hash).collect(Collectors.joining(" "));

    /** Used only when no policy was set before the route (none is, today, without one). */
    static final String FALLBACK =
            "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none';" + " frame-ancestors 'none'";

    private ReportPolicy() {}

    /** Replaces the policy the service set on {@code ctx}'s answer with the same one allowing the report's scripts. */
    static void apply(Context ctx) {
        String current = ctx.res().getHeader(HEADER);
        ctx.header(HEADER, allowingReportScripts(current == null || current.isBlank() ? FALLBACK : current));
    }

    /** {@code policy} with the report's script hashes added to its {@code script-src} (made when it has none). */
    static String allowingReportScripts(String policy) {
        List<String> directives = new ArrayList<>();
        boolean found = false;
        for (String directive : policy.split(";")) {
            String d = directive.strip();
            if (d.isEmpty()) {
                continue;
            }
            if (d.equals("script-src") || d.startsWith("script-src ")) {
                d = d + " " + SCRIPT_HASHES;
                found = true;
            }
            directives.add(d);
        }
        if (!found) {
            directives.add("script-src 'self' " + SCRIPT_HASHES);
        }
        return String.join("; ", directives);
    }

    /** {@code 'sha256-BASE64'} of {@code script} as UTF-8, the source expression CSP compares inline scripts with. */
    static String hash(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
