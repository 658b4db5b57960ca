package io.pacer.monitor.collect;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * One GET of an HTTP collector's URL, bounded by the collection's timeout (the interval, or the runner's default when
 * that is shorter), with a failure explained the same way for every HTTP target: {@code GET URL got no answer within
 * 5000 ms}, {@code GET URL: connection refused} — the URL {@linkplain Secrets#masked masked}. User info in the URL
 * ({@code http://user:password@app/metrics}) is sent as HTTP basic authentication, since that is what people mean by
 * it; it is not sent as part of the request's URL.
 */
final class HttpGet {
    private final URI url;
    private final String shown;
    private final String authorization;
    private final HttpClient client;
    private final Duration timeout;

    HttpGet(URI url, Duration interval, HttpClient client) {
        this.url = withoutUserInfo(url);
        this.shown = Secrets.masked(url.toString());
        this.authorization = url.getUserInfo() == null
                ? null
                : "Basic "
                        + Base64.getEncoder().encodeToString(url.getUserInfo().getBytes(StandardCharsets.UTF_8));
        this.client = client;
        this.timeout =
                interval.compareTo(CollectorRunner.DEFAULT_TIMEOUT) < 0 ? interval : CollectorRunner.DEFAULT_TIMEOUT;
    }

    /** The URL as it may be shown: secrets masked. */
    String shown() {
        return shown;
    }

    /** Sends the GET with {@code headers} (name, value, name, value…). */
    <T> HttpResponse<T> send(HttpResponse.BodyHandler<T> body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url).timeout(timeout).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return client.send(request.build(), body);
        } catch (HttpTimeoutException e) {
            throw new IOException("GET " + shown + " got no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new IOException("GET " + shown + ": " + Secrets.masked(Failures.reason(e)));
        }
    }

    private static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        String text = url.toString();
        int start = text.indexOf("://") + 3;
        return URI.create(text.substring(0, start)
                + text.substring(start + url.getRawUserInfo().length() + 1));
    }
}
