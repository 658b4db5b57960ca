package io.pacer.load.http;

import io.pacer.load.Driver;

/** Entry point for HTTP load: drivers built from validated {@link HttpSettings}. */
public final class HttpDrivers {

    private HttpDrivers() {}

    /**
     * A driver that sends one request per operation to the endpoint {@code sequence mod urls}, asynchronously (one
     * shared JDK client, a few completion threads, no thread per request).
     *
     * <p>Only the configured hosts are ever contacted: redirects are never followed, a 3xx is reported as its
     * status code. Each outcome's status is the response code ({@code "200"}, {@code "503"}); only 2xx is ok.
     * Its label is {@code "METHOD /path"} when there are several endpoints (empty for one), and its bytes are the
     * response body's length (counted, not kept). A request that never got a response fails with the exception's
     * simple name: {@code "ConnectException"}, {@code "HttpConnectTimeoutException"}, {@code "HttpTimeoutException"}.
     */
    public static Driver http(HttpSettings settings) {
        return new HttpDriver(settings);
    }
}
