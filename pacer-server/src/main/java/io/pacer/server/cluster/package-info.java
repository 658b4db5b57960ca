/**
 * Internal, not API. Several instances on one PostgreSQL: {@link io.pacer.server.cluster.Leadership} decides which one
 * runs the alert evaluator, by an advisory lock.
 */
package io.pacer.server.cluster;
