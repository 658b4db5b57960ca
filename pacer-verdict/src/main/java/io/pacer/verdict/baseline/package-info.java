/**
 * Named results kept under the data directory ({@code pacer baseline save|list|show|delete}), so that CI can compare
 * every run with "main" rather than with a file someone has to keep: {@link io.pacer.verdict.baseline.BaselineStore}.
 */
package io.pacer.verdict.baseline;
