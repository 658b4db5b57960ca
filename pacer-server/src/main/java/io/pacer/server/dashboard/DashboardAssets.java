package io.pacer.server.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The dashboard's files, read once from the class path: the page, its style sheet and scripts (this package's
 * resources), and uPlot's script and style sheet from the {@code org.webjars.npm:uplot} jar (MIT licence) — located
 * as pacer-verdict's reports locate them, by the webjar's layout, with the version read from the jar's own Maven
 * properties so that a dependency upgrade needs no code change here.
 */
final class DashboardAssets {

    /** The page itself. */
    static final String PAGE = "dashboard.html";

    /** The dashboard's own files, served under {@code /dashboard/assets/}. */
    static final List<String> OWN = List.of(
            "dashboard.css",
            "app.js",
            "events.js",
            "charts.js",
            "format.js",
            "panel-health.js",
            "panel-system.js",
            "panel-ops.js",
            "panel-apps.js",
            "signin.js",
            "panel-analysis.js",
            "favicon.svg");

    static final String UPLOT_JS = "uPlot.iife.min.js";
    static final String UPLOT_CSS = "uPlot.min.css";

    private static final String OWN_DIR = "io/pacer/server/dashboard/";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private final DashboardAsset page;
    private final Map<String, DashboardAsset> files;

    private DashboardAssets(DashboardAsset page, Map<String, DashboardAsset> files) {
        this.page = page;
        this.files = files;
    }

    /**
     * Reads every file.
     *
     * @throws IllegalStateException when one is missing: the jar or its uPlot dependency is incomplete
     */
    static DashboardAssets load() {
        ClassLoader loader = DashboardAssets.class.getClassLoader();
        Map<String, DashboardAsset> files = new LinkedHashMap<>();
        for (String name : OWN) {
            files.put(name, DashboardAsset.of(name, read(loader, OWN_DIR + name)));
        }
        String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion(loader) + "/dist/";
        files.put(UPLOT_JS, DashboardAsset.of(UPLOT_JS, read(loader, uplot + UPLOT_JS)));
        files.put(UPLOT_CSS, DashboardAsset.of(UPLOT_CSS, read(loader, uplot + UPLOT_CSS)));
        return new DashboardAssets(DashboardAsset.of(PAGE, read(loader, OWN_DIR + PAGE)), Map.copyOf(files));
    }

    DashboardAsset page() {
        return page;
    }

    Optional<DashboardAsset> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** The uPlot version the webjar on the class path carries ({@code 1.6.30}). */
    static String uplotVersion(ClassLoader loader) {
        Properties pom = new Properties();
        try {
            pom.load(new StringReader(new String(read(loader, UPLOT_POM), java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + UPLOT_POM, e);
        }
        String version = pom.getProperty("version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException(UPLOT_POM + " names no version");
        }
        return version;
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the class path: " + resource
                        + " (pacer-server's jar or its org.webjars.npm:uplot dependency is incomplete)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
