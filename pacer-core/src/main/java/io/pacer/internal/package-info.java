/**
 * Internal, not API: helpers Pacer's own modules share, such as {@link io.pacer.internal.Check}, the one way its
 * settings records validate arguments. Public only because Java has no friend modules; anything here may change or
 * go in any release, and no public signature of Pacer's API names a type from this package. Do not use it from
 * your code.
 */
package io.pacer.internal;
