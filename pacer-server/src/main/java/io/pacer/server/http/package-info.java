/**
 * Internal, not API. The service's HTTP plumbing: the {@link io.pacer.server.http.Api} route registry every feature
 * registers through (so that roles, the OpenAPI document and the registered routes can never disagree), problem
 * details for every error, and request validation.
 */
package io.pacer.server.http;
