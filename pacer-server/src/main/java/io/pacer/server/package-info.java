/**
 * {@code pacer serve}: the service a team runs and looks at every day. It starts the collectors, the history store
 * and the alert evaluator of pacer-monitor, and serves them over an HTTP API (seed 002's surface, described by an
 * OpenAPI document generated from the routes actually registered), a server-sent-events stream and a live dashboard.
 *
 * <p>Public API: {@link io.pacer.server.PacerServer} and {@link io.pacer.server.ServerConfig}. Everything in the
 * sub-packages is internal to the service and may change in any release.
 */
package io.pacer.server;
