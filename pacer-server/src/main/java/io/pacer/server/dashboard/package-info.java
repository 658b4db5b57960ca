/**
 * Internal, not API. The live dashboard at {@code /dashboard}: an HTML shell, its style sheet and scripts and uPlot
 * (read from the {@code org.webjars.npm:uplot} jar, never a CDN), all served from the class path without credentials.
 * The page holds no data: its scripts read the authenticated APIs and the event stream, and show the sign-in form when
 * those answer 401. See {@code docs/dashboard.md}.
 */
package io.pacer.server.dashboard;
