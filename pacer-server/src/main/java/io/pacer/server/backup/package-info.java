/**
 * {@code pacer backup} and {@code pacer restore}: the whole state of a Pacer store in one consistent file, and back
 * into a fresh store of either kind. {@link io.pacer.server.backup.Backup}, {@link io.pacer.server.backup.Restore}.
 */
package io.pacer.server.backup;
