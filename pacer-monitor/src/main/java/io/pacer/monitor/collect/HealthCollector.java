package io.pacer.monitor.collect;

import io.pacer.metrics.Histograms;
import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One health URL, checked with a GET: {@code health.up} (1 for a 2xx answer, 0 for any other status — redirects are
 * not followed, a login page is not health), {@code health.status.code} and {@code health.latency.seconds} (time to
 * the whole answer, with the check's one-value histogram so that rolled-up percentiles over many checks are exact).
 *
 * <p>A URL that cannot be reached at all fails the collection with the reason: the runner then marks
 * {@code health:<url>} down and yields {@code collector.up 0} for it. Configuring a list of URLs makes one collector
 * per URL, so one dead URL does not hide the others. The URL's secrets are {@linkplain Secrets#masked masked} in the
 * name, the {@code target} label and errors; its user info is sent as HTTP basic authentication.
 */
final class HealthCollector implements Collector {
    private final Duration interval;
    private final HttpGet get;

    HealthCollector(URI url, Duration interval, HttpClient client) {
        this.interval = interval;
        this.get = new HttpGet(url, interval, client);
    }

    @Override
    public String name() {
        return "health:" + get.shown();
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<Sample> collect(Instant now) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<Void> response = get.send(HttpResponse.BodyHandlers.discarding());
        long micros = (System.nanoTime() - start) / 1000;
        Histogram histogram = Histograms.latency();
        histogram.recordValue(Math.min(micros, Histograms.HIGHEST_LATENCY_MICROS));
        int status = response.statusCode();
        Samples s = new Samples(now, Map.of("target", get.shown()));
        s.add("health.up", status >= 200 && status < 300 ? 1 : 0);
        s.add("health.status.code", status);
        s.add("health.latency.seconds", micros / 1e6, Map.of(), Histograms.encode(histogram));
        return s.list();
    }
}
