package io.pacer.load.http;

import io.pacer.internal.Check;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each HTTP operation sends. Validated here, so a bad setting fails before the run with a message that names
 * it, not halfway through.
 *
 * @param method         request method, an HTTP token such as {@code GET} or {@code POST}
 * @param urls           one or more endpoints (http or https, with a host), used round-robin by
 *                       {@link io.pacer.load.Call#sequence()}; the only hosts the driver ever contacts
 * @param headers        request headers; {@code Host}, {@code Connection}, {@code Content-Length}, {@code Expect} and
 *                       {@code Upgrade} are set by the JDK client and rejected here
 * @param bodyTemplate   request body rendered per operation, or {@code null} for none; placeholders {@code {{seq}}}
 *                       (the call's sequence), {@code {{user}}}, {@code {{uuid}}} (random) and {@code {{now_ms}}}
 *                       (wall-clock epoch milliseconds)
 * @param requestTimeout time from sending the request to the end of the response headers before the operation
 *                       fails with {@code HttpTimeoutException}
 * @param connectTimeout time to open a connection before the operation fails with
 *                       {@code HttpConnectTimeoutException}
 * @param version        HTTP/1.1 (one connection per concurrent request) or HTTP/2 (multiplexed)
 */
public record HttpSettings(
        String method,
        List<URI> urls,
        Map<String, String> headers,
        String bodyTemplate,
        Duration requestTimeout,
        Duration connectTimeout,
        HttpClient.Version version) {

    public static final String DEFAULT_METHOD = "GET";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** HTTP/1.1: without TLS the JDK would otherwise try an h2c upgrade on every new connection. */
    public static final HttpClient.Version DEFAULT_VERSION = HttpClient.Version.HTTP_1_1;

    /** Headers the JDK client sets itself and refuses to take from callers (lower case). */
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("connection", "content-length", "expect", "host", "upgrade");

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-.^_`|~]+");

    public HttpSettings {
        requireToken("method", method);
        Objects.requireNonNull(urls, "urls");
        Check.argument(!urls.isEmpty(), "urls must name at least one endpoint, e.g. http://localhost:8080/orders");
        urls = List.copyOf(urls);
        urls.forEach(HttpSettings::requireTarget);
        Objects.requireNonNull(headers, "headers");
        headers.forEach(HttpSettings::requireHeader);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (bodyTemplate != null) {
            BodyTemplate.parse(bodyTemplate);
        }
        Check.positive("requestTimeout", requestTimeout);
        Check.positive("connectTimeout", connectTimeout);
        Objects.requireNonNull(version, "version");
    }

    /** A GET of {@code urls} with no headers or body and the default timeouts and version. */
    public static HttpSettings of(List<URI> urls) {
        return new HttpSettings(
                DEFAULT_METHOD,
                urls,
                Map.of(),
                null,
                DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_VERSION);
    }

    public HttpSettings withMethod(String newMethod) {
        return new HttpSettings(newMethod, urls, headers, bodyTemplate, requestTimeout, connectTimeout, version);
    }

    public HttpSettings withHeaders(Map<String, String> newHeaders) {
        return new HttpSettings(method, urls, newHeaders, bodyTemplate, requestTimeout, connectTimeout, version);
    }

    public HttpSettings withBodyTemplate(String newBodyTemplate) {
        return new HttpSettings(method, urls, headers, newBodyTemplate, requestTimeout, connectTimeout, version);
    }

    public HttpSettings withTimeouts(Duration newRequestTimeout, Duration newConnectTimeout) {
        return new HttpSettings(method, urls, headers, bodyTemplate, newRequestTimeout, newConnectTimeout, version);
    }

    public HttpSettings withVersion(HttpClient.Version newVersion) {
        return new HttpSettings(method, urls, headers, bodyTemplate, requestTimeout, connectTimeout, newVersion);
    }

    private static void requireTarget(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        Check.argument(
                scheme.equals("http") || scheme.equals("https"),
                "url '" + url + "' must use http or https, e.g. http://localhost:8080/orders");
        Check.argument(
                url.getHost() != null,
                "url '" + url
                        + "' has no valid host (letters, digits, '-' and '.' only), e.g. http://localhost:8080/orders");
    }

    private static void requireHeader(String name, String value) {
        requireToken("header name", name);
        Check.argument(
                !RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT)),
                "header '" + name + "' is set by the HTTP client itself; remove it");
        Objects.requireNonNull(value, () -> "header '" + name + "' has a null value");
        Check.argument(
                value.indexOf('\r') < 0 && value.indexOf('\n') < 0,
                "header '" + name + "' value must not contain line breaks");
    }

    /** An RFC 9110 token: visible ASCII letters, digits and the symbols of {@link #TOKEN}. */
    private static void requireToken(String what, String token) {
        Check.argument(token != null && !token.isEmpty(), what + " must not be empty");
        Check.matches(what, token, TOKEN, "a token (letters, digits, " + TOKEN_SYMBOLS + ")");
    }
}
