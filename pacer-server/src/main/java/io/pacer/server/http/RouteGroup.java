package io.pacer.server.http;

/** One feature's routes (health, metrics, alerts, runs, …), registered through the {@link Api} registry. */
public interface RouteGroup {

    void register(Api api);
}
