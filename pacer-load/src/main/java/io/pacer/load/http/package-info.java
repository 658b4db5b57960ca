/**
 * HTTP load: {@link io.pacer.load.http.HttpDrivers#http(io.pacer.load.http.HttpSettings)} sends method, headers
 * and a rendered body template to one or more endpoints and reports latency per endpoint and a status-code
 * breakdown.
 *
 * <p>Non-blocking by design: the JDK's {@code HttpClient.sendAsync} with one selector thread and a small shared
 * executor, so 1,000 concurrent users on two cores cost connections, not threads. Redirects are never followed:
 * the driver contacts only the hosts it was given.
 */
package io.pacer.load.http;
