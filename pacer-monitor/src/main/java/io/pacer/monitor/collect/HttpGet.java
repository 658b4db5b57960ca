package io.pacer.monitor.collect;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One GET of an HTTP collector's URL, bounded by the collection's timeout (the interval, or the runner's default when
 * that is shorter), with a failure explained the same way for every HTTP target: {@code GET URL got no answer within
 * 5000 ms}, {@code GET URL: connection refused}.
 */
final class HttpGet {
    private final URI url;
    private final HttpClient client;
    private final Duration timeout;

    HttpGet(URI url, Duration interval, HttpClient client) {
        this.url = url;
        this.client = client;
        this.timeout =
                interval.compareTo(CollectorRunner.DEFAULT_TIMEOUT) < 0 ? interval : CollectorRunner.DEFAULT_TIMEOUT;
    }

    URI url() {
        return url;
    }

    /** Sends the GET with {@code headers} (name, value, name, value…). */
    <T> HttpResponse<T> send(HttpResponse.BodyHandler<T> body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url).timeout(timeout).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.build(), body);
        } catch (HttpTimeoutException e) {
            throw new IOException("GET " + url + " got no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new IOException("GET " + url + ": " + Failures.reason(e), e);
        }
    }
}
