package io.pacer.server.dashboard;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.pacer.server.Role;
import io.pacer.server.http.Api;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteGroup;

/**
 * {@code GET /dashboard}, its files under {@code /dashboard/assets/}, and {@code GET /} redirecting to it. All public:
 * the page and its scripts hold no data, and everything they show comes from the authenticated APIs. Every response
 * carries {@code Cache-Control: no-cache} with a strong {@code ETag}, so a browser keeps the files but asks each time
 * whether they changed (a 304 without a body when not): after an upgrade the page and its scripts never disagree.
 */
public final class DashboardRoutes implements RouteGroup {

    /** Where the dashboard is. */
    public static final String PATH = "/dashboard";

    static final String ASSETS = PATH + "/assets/";
    static final String CACHE_CONTROL = "no-cache";

    private final DashboardAssets assets;

    private DashboardRoutes(DashboardAssets assets) {
        this.assets = assets;
    }

    /**
     * Reads the dashboard's files from the class path.
     *
     * @throws IllegalStateException when one is missing
     */
    public static DashboardRoutes create() {
        return new DashboardRoutes(DashboardAssets.load());
    }

    @Override
    public void register(Api api) {
        api.get(
                "/",
                Role.PUBLIC,
                RouteDoc.of("dashboard", "Redirects to the dashboard", "302: Location /dashboard"),
                ctx -> ctx.redirect(PATH, HttpStatus.FOUND));
        api.get(
                PATH,
                Role.PUBLIC,
                RouteDoc.of(
                        "dashboard",
                        "The live dashboard (HTML); its data comes from the authenticated APIs and /api/events",
                        "200: text/html; 304 when If-None-Match matches"),
                ctx -> send(ctx, assets.page()));
        api.get(
                ASSETS + "{name}",
                Role.PUBLIC,
                RouteDoc.of(
                                "dashboard",
                                "A file of the dashboard: its scripts, style sheet, and uPlot's",
                                "200: the file with its media type; 304 when If-None-Match matches; 404 problem for"
                                        + " an unknown name")
                        .withParameters(RouteDoc.Param.path("name", "the file name, e.g. app.js")),
                ctx -> {
                    String name = ctx.pathParam("name");
                    send(
                            ctx,
                            assets.file(name)
                                    .orElseThrow(() -> ApiException.notFound(
                                            "the dashboard has no file " + name + "; it serves " + DashboardAssets.OWN
                                                    + " and uPlot's " + DashboardAssets.UPLOT_JS + ", "
                                                    + DashboardAssets.UPLOT_CSS)));
                });
    }

    private static void send(Context ctx, DashboardAsset asset) {
        ctx.header("Cache-Control", CACHE_CONTROL);
        ctx.header("ETag", asset.etag());
        String match = ctx.header("If-None-Match");
        if (match != null && matches(match, asset.etag())) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType(asset.contentType());
        ctx.result(asset.body());
    }

    /** RFC 9110 weak comparison over the listed tags; {@code *} matches anything. */
    static boolean matches(String ifNoneMatch, String etag) {
        String opaque = etag.substring(etag.indexOf('"'));
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
