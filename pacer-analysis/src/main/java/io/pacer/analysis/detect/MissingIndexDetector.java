package io.pacer.analysis.detect;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Category;
import io.pacer.analysis.Detector;
import io.pacer.analysis.Finding;
import io.pacer.monitor.collect.PostgresTarget;
import io.pacer.monitor.collect.Secrets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTGRES_MISSING_INDEX: asks each PostgreSQL target of the context's for the indexes it lacks ({@link IndexAdvisor}:
 * sequential scans of large tables with a selective filter, each proposal checked with {@code EXPLAIN} before it is
 * offered; a table the stored history shows no longer scanned in the window is left out). Not part of a quick analysis: it probes live servers. A target that cannot be reached is logged and
 * skipped; when none can be, the detector fails with every reason, so the analysis reports it.
 */
final class MissingIndexDetector implements Detector {

    /** How long the advisor may spend on one target, every statement bounded by it ({@code statement_timeout}). */
    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(MissingIndexDetector.class);

    private final IndexAdvisor advisor;

    MissingIndexDetector(Duration budget) {
        this.advisor = new IndexAdvisor(budget);
    }

    @Override
    public String name() {
        return "postgres-index";
    }

    @Override
    public Category category() {
        return Category.DATABASE;
    }

    @Override
    public boolean quick() {
        return false;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        List<Finding> findings = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String url : context.postgres()) {
            PostgresTarget target = PostgresTarget.parse("postgres URL", url);
            try {
                findings.addAll(advisor.advise(target, context.history()));
            } catch (SQLException | RuntimeException e) {
                String reason = target.display() + ": " + Secrets.masked(e.getMessage());
                LOG.warn("no index advice for postgres {}", reason);
                failures.add(reason);
            }
        }
        if (!failures.isEmpty() && failures.size() == context.postgres().size()) {
            throw new IllegalStateException("index advice failed for every PostgreSQL target: " + failures);
        }
        return findings;
    }
}
