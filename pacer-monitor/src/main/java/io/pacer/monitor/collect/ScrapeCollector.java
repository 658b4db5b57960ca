package io.pacer.monitor.collect;

import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Prometheus or OpenMetrics text endpoint ({@code /metrics}): how an application instrumented with Pacer's
 * library (Micrometer's Prometheus registry) is watched — its batcher and cache meters arrive here as samples.
 *
 * <p>Series keep their Prometheus names, lower-cased, a {@code :} turned into {@code _} (so
 * {@code pacer_batcher_events_total{outcome="delivered"}} is queried by that name), and gain the label
 * {@code target=<url>} (its secrets {@linkplain Secrets#masked masked}, as in the collector's name and errors; user
 * info in the URL is sent as HTTP basic authentication); a scraped {@code target} label becomes
 * {@code exported_target}, as Prometheus does. A sample with its own timestamp keeps it. Values that are not finite
 * (a summary's {@code NaN} quantile) are not stored; they are counted in {@code scrape.samples.nonfinite}.
 *
 * <p>A scrape is all or nothing: an answer that is not HTTP 200, or a body that is not a well-formed exposition, fails
 * the collection with the reason and a sample of what arrived (see {@link PrometheusText}). Per target the collector
 * adds {@code scrape.duration.seconds} and {@code scrape.samples}; {@code up} is the runner's {@code collector.up}.
 */
final class ScrapeCollector implements Collector {
    static final String ACCEPT =
            "text/plain;version=0.0.4;q=1.0,application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1";

    private final Duration interval;
    private final HttpGet get;

    ScrapeCollector(URI url, Duration interval, HttpClient client) {
        this.interval = interval;
        this.get = new HttpGet(url, interval, client);
    }

    @Override
    public String name() {
        return "scrape:" + get.shown();
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<Sample> collect(Instant now) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = get.send(HttpResponse.BodyHandlers.ofString(), "Accept", ACCEPT);
        double seconds = (System.nanoTime() - start) / 1e9;
        String body = response.body();
        if (response.statusCode() != 200) {
            throw new IOException(
                    get.shown() + " answered HTTP " + response.statusCode() + ": " + Failures.excerpt(body));
        }
        String contentType =
                response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        List<PrometheusText.Parsed> parsed;
        try {
            parsed = PrometheusText.parse(body, contentType.startsWith("application/openmetrics-text"));
        } catch (IllegalArgumentException e) {
            throw new IOException(get.shown() + " did not answer Prometheus text (Content-Type '" + contentType + "'): "
                    + e.getMessage());
        }
        String target = get.shown();
        Samples s = new Samples(now, Map.of("target", target));
        int nonFinite = 0;
        List<Sample> out = s.list();
        for (PrometheusText.Parsed p : parsed) {
            if (!Double.isFinite(p.value())) {
                nonFinite++;
                continue;
            }
            Map<String, String> labels = new HashMap<>(p.labels());
            String clash = labels.remove("target");
            if (clash != null) {
                labels.put("exported_target", clash);
            }
            labels.put("target", target);
            Instant at = p.timestampMillis() == null ? now : Instant.ofEpochMilli(p.timestampMillis());
            out.add(new Sample(sampleName(p.name()), labels, at, p.value(), null));
        }
        s.add("scrape.duration.seconds", seconds);
        s.add("scrape.samples", parsed.size());
        s.add("scrape.samples.nonfinite", nonFinite);
        return out;
    }

    /** {@code http_requests_total} as is; upper case lowered, {@code :} to {@code _}, a leading {@code _} kept. */
    static String sampleName(String prometheusName) {
        String name = prometheusName.toLowerCase(Locale.ROOT).replace(':', '_');
        return Character.isLetter(name.charAt(0)) ? name : "x" + name;
    }
}
