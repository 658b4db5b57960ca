package io.pacer.cli;

import io.pacer.analysis.Analysis;
import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.AnalysisRequest;
import io.pacer.analysis.Analyzer;
import io.pacer.analysis.History;
import io.pacer.analysis.detect.Detectors;
import io.pacer.internal.Json;
import io.pacer.monitor.store.MetricStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pacer analyze}: one analysis of the stored history, what {@code POST /api/performance/analyze} returns — from
 * a shell or CI, without the service.
 */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Analyse the metric history pacer monitor stores: bottlenecks with their evidence and confidence, a"
                    + " performance score (100 minus what the findings cost), seed 002's system, integration and"
                    + " database figures for the window, and ranked recommendations with the action Pacer can take"
                    + " (pacer act plan ...).",
            "--json prints seed 002's result (performance_score, system_metrics, optimization_recommendations,"
                    + " critical_issues, ...) with Pacer's evidence. Exit 0, or 1 with --fail-below when the score is"
                    + " lower; 2 on bad usage."
        },
        footer = {
            "",
            "Examples:",
            "  pacer analyze",
            "  pacer analyze --window 1h --no-database",
            "  pacer analyze --quick --json | jq .performance_score",
            "  pacer analyze --postgres postgresql://pacer@db:5432/shop --fail-below 70"
        })
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(
            names = "--window",
            paramLabel = "DURATION",
            defaultValue = "15m",
            converter = Converters.DurationConverter.class,
            description = "How far back to look, 10s to 7d (default ${DEFAULT-VALUE}; --quick reads at most the"
                    + " last 5m).")
    Duration window;

    @Option(
            names = "--quick",
            description = "Run only the quick detectors (none that probes a live target) over at most the last 5m"
                    + " (default: off).")
    boolean quick;

    @Option(
            names = "--no-system",
            description = "Leave out the system detectors and system_metrics (default: included).")
    boolean noSystem;

    @Option(
            names = "--no-integration",
            description = "Leave out the integration detectors (Kafka, Redis, batchers, endpoints) and"
                    + " integration_metrics (default: included).")
    boolean noIntegration;

    @Option(
            names = "--no-database",
            description = "Leave out the database detectors and database_metrics (default: included).")
    boolean noDatabase;

    @Option(
            names = "--postgres",
            paramLabel = "URL",
            description = "A PostgreSQL server the index advisor may inspect with EXPLAIN (JDBC or postgresql://"
                    + " URL, as pacer monitor takes it); repeatable (default: none).")
    List<String> postgres = new ArrayList<>();

    @Option(
            names = "--json",
            description = "Print the analysis as JSON with seed 002's field names (default: a table).")
    boolean json;

    @Option(
            names = "--fail-below",
            paramLabel = "SCORE",
            description = "Exit 1 when the performance score is below SCORE, 0 to 100, to gate CI (default: never).")
    Double failBelow;

    @Override
    public Integer call() throws IOException {
        AnalysisRequest request = request();
        for (String url : postgres) {
            if (!url.startsWith("jdbc:postgresql://")
                    && !url.startsWith("postgresql://")
                    && !url.startsWith("postgres://")) {
                throw new UsageException("--postgres must be jdbc:postgresql://HOST:PORT/DB or"
                        + " postgresql://USER@HOST:PORT/DB, but was " + masked(url));
            }
        }
        Analysis analysis;
        try (MetricStore metrics = store.openForReading()) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            History history = History.of(metrics, now.minus(request.effectiveWindow()), now);
            analysis = Analyzer.of(Detectors.all()).analyze(new AnalysisContext(history, postgres), request);
        }
        if (analysis.bottlenecks().isEmpty()
                && analysis.systemMetrics().isEmpty()
                && analysis.integrationMetrics().isEmpty()
                && analysis.databaseMetrics().isEmpty()) {
            // a score of 100 over an empty window says nothing: say so, on stderr so --json stays clean
            spec.commandLine()
                    .getErr()
                    .println("pacer: note: the last " + Numbers.duration(request.effectiveWindow()) + " of "
                            + store.describe() + " hold no host, integration or database samples: is pacer monitor"
                            + " collecting into it?");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.documentWriter().writeValueAsString(analysis));
        } else {
            AnalysisTable.lines(analysis, store.describe()).forEach(out::println);
        }
        out.flush();
        return failBelow != null && analysis.performanceScore() < failBelow ? ExitCode.FAILED_RUN : ExitCode.OK;
    }

    private AnalysisRequest request() {
        if (failBelow != null && !(failBelow >= 0 && failBelow <= 100)) {
            throw new UsageException("--fail-below must be a score from 0 to 100, but was " + failBelow);
        }
        if (noSystem && noIntegration && noDatabase) {
            throw new UsageException("--no-system, --no-integration and --no-database together leave nothing to"
                    + " analyse: drop one of them");
        }
        try {
            return new AnalysisRequest(window, !noSystem, !noIntegration, !noDatabase, quick);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
    }

    /** A URL with its password hidden, for an error message. */
    private static String masked(String url) {
        return url.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
