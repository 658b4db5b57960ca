/**
 * The tiered cache: an in-process L1 in front of a Redis L2 shared by all instances, in front of the loader.
 *
 * <pre>
 *  instance A                                   Redis                                  instance B
 *  get(k) ─▶ L1 (Caffeine) ─miss─▶ GET &lt;prefix&gt;:&lt;name&gt;:k ──────── hit ◀─ GET ◀─miss─ L1 ◀─ get(k)
 *                                 └ miss ─▶ GET-or-lock (Lua, SET NX PX) ─▶ one instance loads; the others
 *                                                                          poll until lockWait, then load
 *  invalidate(k) ─▶ L1, UNLINK, PUBLISH &lt;prefix&gt;:&lt;name&gt;#invalidations ─────────▶ B drops k from L1
 *  every Redis call: breaker (Resilience4j) + timeout; open ⇒ L1 and the loader only
 * </pre>
 *
 * <p>Start with {@link io.pacer.cache.TieredCache#builder(String, Class)}; configuration is immutable records
 * ({@link io.pacer.cache.L1Settings}, {@link io.pacer.cache.L2Settings}) validated when built; runtime changes go
 * through {@link io.pacer.cache.TieredCache#tunables()}; statistics come as {@link io.pacer.cache.CacheSnapshot}
 * and, through {@link io.pacer.cache.CacheMeters}, as Micrometer meters. Values reach Redis through a
 * {@link io.pacer.cache.ValueCodec} ({@link io.pacer.cache.ValueCodecs}). Everything else is package-private.
 */
package io.pacer.cache;
