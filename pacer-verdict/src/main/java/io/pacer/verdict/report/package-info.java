/**
 * Reports people and CI servers read: the self-contained HTML report of a run, a suite or a before/after comparison
 * ({@link io.pacer.verdict.report.HtmlReport}), the JUnit XML report with one test case per gate
 * ({@link io.pacer.verdict.report.JUnitReport}), and the reading of a saved run or suite result by its schema
 * ({@link io.pacer.verdict.ResultFile}). They show what a result holds; they decide nothing themselves.
 */
package io.pacer.verdict.report;
