package io.pacer.load.distributed;

import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.load.Workload;
import io.pacer.metrics.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The merged result of a distributed run: the shares' results merged exactly ({@link RunResults#merge}: counts and
 * rates add, latency from the merged histograms), the whole run's settings, and every share beside the total —
 * including those missing from it, with what they did not do and why.
 */
final class Shares {

    private Shares() {}

    static RunResult merge(
            String runId,
            int requested,
            int used,
            Workload workload,
            Map<String, String> parameters,
            List<Slot> slots,
            List<IntervalStats> live,
            List<String> notices) {
        List<RunResult> parts =
                slots.stream().map(s -> s.result).filter(Objects::nonNull).toList();
        if (parts.isEmpty()) {
            throw new IllegalStateException("no worker finished any of its share: "
                    + slots.stream()
                            .map(s -> s.worker.name() + " " + s.state + (s.why == null ? "" : " (" + s.why + ")"))
                            .collect(Collectors.joining(", ")));
        }
        Map<String, String> whole = new LinkedHashMap<>(parameters);
        whole.put("workers", String.valueOf(used));
        whole.put("run_id", runId);
        List<RunResult.Share> shares = new ArrayList<>();
        for (Slot s : slots) {
            shares.add(share(s, workload));
        }
        RunResult sum = RunResults.merge(parts);
        // The live intervals merged the workers' interval histograms: exact percentiles where RunMerge has only the
        // worst of the parts. They are the total's intervals when every share's result is in it.
        boolean exact =
                parts.size() == slots.size() && live.size() == sum.intervals().size();
        RunResult merged = sum.asDistributed(
                RunResult.Settings.of(workload, whole),
                exact ? live : sum.intervals(),
                new RunResult.Distribution(runId, requested == CoordinatorSettings.ALL ? used : requested, shares));
        for (String notice : notices) {
            merged = merged.withNotice(notice);
        }
        for (RunResult.Share s : shares) {
            if (s.missing() != null) {
                merged =
                        merged.withNotice("share " + (s.index() + 1) + "/" + slots.size() + " missing: " + s.missing());
            }
        }
        return merged;
    }

    private static RunResult.Share share(Slot s, Workload workload) {
        String description = s.share.describe(workload);
        RunResult r = s.result;
        boolean finished = s.state.equals("done") || s.state.equals("stopped");
        String missing = finished
                ? null
                : "worker " + s.worker.name() + " on " + s.worker.host() + " " + s.state
                        + (s.why == null ? "" : " (" + s.why + ")") + " after " + s.intervals + " intervals ("
                        + s.operations + " operations reported); "
                        + (r != null ? "the rest of its share " : "its share ")
                        + s.share.name() + " (" + s.share.terms(workload) + ") is not in the total";
        if (r != null) {
            return new RunResult.Share(
                    s.share.index(),
                    s.worker.name(),
                    r.environment().hostname(),
                    s.state,
                    description,
                    missing,
                    r.counts(),
                    r.rates().targetRate(),
                    r.rates().achievedRate(),
                    r.rates().behindSchedule(),
                    r.latency(),
                    r.notices());
        }
        return new RunResult.Share(
                s.share.index(),
                s.worker.name(),
                s.worker.host(),
                s.state,
                description,
                missing,
                new RunResult.Counts(s.operations, s.ok, s.failed, 0, s.records, s.bytes),
                0,
                0,
                s.notices.stream().anyMatch(n -> n.startsWith("generator behind schedule")),
                Percentiles.of(s.streamed),
                s.notices);
    }
}
