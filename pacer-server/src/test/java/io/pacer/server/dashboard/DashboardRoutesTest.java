package io.pacer.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacer.cache.CacheMeters;
import io.pacer.cache.CacheSnapshot;
import io.pacer.internal.Json;
import io.pacer.metrics.BatcherMeters;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.metrics.Percentiles;
import io.pacer.server.PacerServer;
import io.pacer.server.Role;
import io.pacer.server.ServerConfig;
import io.pacer.server.http.ApiRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's routes in the real service: media types, caching, the redirect, and what its files may contain. */
class DashboardRoutesTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static PacerServer server;

    @BeforeAll
    static void start(@TempDir Path dir) {
        server = PacerServer.start(ServerConfig.forTests(dir));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theRootRedirectsToTheDashboardAndEveryRouteIsPublic() throws Exception {
        HttpResponse<String> root = get("/", Map.of());

        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/dashboard");
        assertThat(server.routes())
                .filteredOn(r -> r.path().equals("/") || r.path().startsWith(DashboardRoutes.PATH))
                .extracting(ApiRoute::path, ApiRoute::role)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/", Role.PUBLIC),
                        org.assertj.core.groups.Tuple.tuple("/dashboard", Role.PUBLIC),
                        org.assertj.core.groups.Tuple.tuple("/dashboard/assets/{name}", Role.PUBLIC));
    }

    @Test
    void everyFileHasItsMediaTypeAndIsRevalidatedByItsEtag() throws Exception {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        types.put(DashboardRoutes.PATH, "text/html");
        for (String own : DashboardAssets.OWN) {
            types.put(
                    DashboardRoutes.ASSETS + own,
                    own.endsWith(".css") ? "text/css" : own.endsWith(".svg") ? "image/svg+xml" : "text/javascript");
        }
        types.put(DashboardRoutes.ASSETS + DashboardAssets.UPLOT_JS, "text/javascript");
        types.put(DashboardRoutes.ASSETS + DashboardAssets.UPLOT_CSS, "text/css");

        for (Map.Entry<String, String> e : types.entrySet()) {
            HttpResponse<String> first = get(e.getKey(), Map.of());
            assertThat(first.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type"))
                    .as(e.getKey())
                    .hasValueSatisfying(
                            t -> assertThat(t).startsWith(e.getValue()).contains("charset=utf-8"));
            assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(first.body()).isNotBlank();

            HttpResponse<String> again = get(e.getKey(), Map.of("If-None-Match", "\"other\", " + etag));
            assertThat(again.statusCode()).as(e.getKey() + " revalidated").isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(get(e.getKey(), Map.of("If-None-Match", "\"stale\"")).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void anUnknownFileIsAProblemThatNamesTheKnownOnes() throws Exception {
        HttpResponse<String> response = get(DashboardRoutes.ASSETS + "secrets.js", Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode problem = Json.documentReader().readTree(response.body());
        assertThat(problem.path("detail").asText()).contains("secrets.js").contains("app.js");
    }

    /** A strict CSP (script-src 'self'; style-src 'self') blocks inline script, style attributes and handlers. */
    @Test
    void thePageAndScriptsNeedNoInlineScriptOrStyle() {
        DashboardAssets assets = DashboardAssets.load();
        String page = assets.page().text();

        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>")
                        .matcher(page)
                        .find())
                .as("inline <script>")
                .isFalse();
        assertThat(page).doesNotContain("<style").doesNotContain(" style=").doesNotContainPattern(" on[a-z]+=");
        for (String own : DashboardAssets.OWN) {
            String text = assets.file(own).orElseThrow().text();
            assertThat(text)
                    .as(own)
                    .doesNotContain("innerHTML")
                    .doesNotContain("outerHTML")
                    .doesNotContain("setAttribute('style'")
                    .doesNotContain("eval(")
                    .doesNotContain("new Function");
            assertThat(Pattern.compile("https?://(?!www\\.w3\\.org/2000/svg)")
                            .matcher(text)
                            .find())
                    .as(own + " fetches nothing from elsewhere (no CDN)")
                    .isFalse();
            assertThat(text.lines().count()).as(own + " lines").isLessThanOrEqualTo(600);
        }
    }

    /** Every meter the applications widget reads exists, so named, in a real Micrometer Prometheus exposition. */
    @Test
    void theWidgetReadsMetersPacerCoreActuallyExposes() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BatcherSnapshot batcher = new BatcherSnapshot(
                1, 1, 0, 0, 0, 0, 0, 1, 1, 1, Percentiles.EMPTY, Percentiles.EMPTY, 0.5, 0, "CLOSED", 0, 50, 1000);
        BatcherMeters batcherMeters = new BatcherMeters("orders", () -> batcher);
        batcherMeters.bindTo(registry);
        CacheMeters cacheMeters = new CacheMeters(() -> new CacheSnapshot(
                "sessions",
                new CacheSnapshot.Tier(1, 1, Percentiles.EMPTY),
                new CacheSnapshot.Tier(1, 1, Percentiles.EMPTY),
                new CacheSnapshot.Loads(1, 0, 0, Percentiles.EMPTY),
                1,
                0,
                0,
                0,
                0,
                "CLOSED",
                0,
                0));
        cacheMeters.bindTo(registry);
        Set<String> exposed = new TreeSet<>();
        for (String line : registry.scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exposed.add(line.split("[{ ]", 2)[0]);
            }
        }

        String widget =
                DashboardAssets.load().file("panel-apps.js").orElseThrow().text();
        Matcher names = Pattern.compile("'(pacer_(?:batcher|cache)_[a-z_]+)'").matcher(widget);
        List<String> read = names.results().map(m -> m.group(1)).toList();

        assertThat(read).hasSizeGreaterThanOrEqualTo(10);
        assertThat(exposed).containsAll(read);
        assertThat(batcherMeters).isNotNull();
        assertThat(cacheMeters).isNotNull();
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
