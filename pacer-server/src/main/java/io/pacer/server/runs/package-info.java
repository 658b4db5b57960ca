/**
 * Internal, not API. Runs uploaded by CI jobs ({@code POST /api/runs}), their reports, and their comparison with
 * baselines kept in the state database — pacer-verdict's reading, reports and comparison, served.
 */
package io.pacer.server.runs;
