package io.pacer.load.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    private static final List<URI> ONE = List.of(URI.create("http://localhost:8080/orders"));

    @Test
    void defaultsAreAGetWithoutBodyOverHttp11() {
        HttpSettings settings = HttpSettings.of(ONE);
        assertThat(settings)
                .isEqualTo(new HttpSettings(
                        "GET",
                        ONE,
                        Map.of(),
                        null,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(5),
                        HttpClient.Version.HTTP_1_1));
    }

    @Test
    void targetsMustBeHttpOrHttpsWithAHost() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpSettings.of(List.of()))
                .withMessage("urls must name at least one endpoint, e.g. http://localhost:8080/orders");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpSettings.of(List.of(URI.create("ftp://host/x"))))
                .withMessage("url 'ftp://host/x' must use http or https, e.g. http://localhost:8080/orders");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpSettings.of(List.of(URI.create("http:///x"))))
                .withMessageStartingWith("url 'http:///x' has no valid host");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpSettings.of(List.of(URI.create("http://bad_host/x"))))
                .withMessageStartingWith("url 'http://bad_host/x' has no valid host");
        assertThat(HttpSettings.of(List.of(URI.create("HTTPS://h:1/")))).isNotNull();
    }

    @Test
    void methodAndHeaderNamesMustBeTokens() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpSettings.of(ONE).withMethod("GET /"))
                .withMessage("method must be a token (letters, digits, !#$%&'*+-.^_`|~), but was 'GET /'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpSettings.of(ONE).withMethod(""))
                .withMessage("method must not be empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpSettings.of(ONE).withHeaders(Map.of("X Bad", "v")))
                .withMessageStartingWith("header name must be a token");
    }

    @Test
    void headersTheClientSetsItselfOrThatBreakLinesAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpSettings.of(ONE).withHeaders(Map.of("host", "x")))
                .withMessage("header 'host' is set by the HTTP client itself; remove it");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpSettings.of(ONE).withHeaders(Map.of("X-A", "1\r\nX-B: 2")))
                .withMessage("header 'X-A' value must not contain line breaks");
    }

    @Test
    void headersAreCopied() {
        Map<String, String> headers = new HashMap<>(Map.of("X-A", "1"));
        HttpSettings settings = HttpSettings.of(ONE).withHeaders(headers);
        headers.put("X-B", "2");
        assertThat(settings.headers()).containsExactly(Map.entry("X-A", "1"));
    }

    @Test
    void timeoutsMustBePositiveAndTemplatesUseKnownPlaceholders() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpSettings.of(ONE).withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .withMessage("requestTimeout must be > 0, but was PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpSettings.of(ONE).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .withMessage("connectTimeout must be > 0, but was PT-0.001S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpSettings.of(ONE).withBodyTemplate("{\"id\":{{id}}}"))
                .withMessage(
                        "bodyTemplate has an unknown placeholder {{id}}; use {{seq}}, {{user}}, {{uuid}} or {{now_ms}}");
    }
}
