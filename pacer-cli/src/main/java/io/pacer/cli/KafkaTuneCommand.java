package io.pacer.cli;

import io.pacer.load.kafka.KafkaProduceSettings;
import io.pacer.verdict.kafka.tune.Durability;
import io.pacer.verdict.kafka.tune.TuneResult;
import io.pacer.verdict.kafka.tune.TuneRun;
import io.pacer.verdict.kafka.tune.TuneSettings;
import io.pacer.verdict.kafka.tune.Tuner;
import io.pacer.verdict.report.HtmlReport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pacer kafka tune}: measures producer settings on the user's cluster and workload and keeps the one that
 * sends the most records within the p99 target, against Kafka's defaults measured in the same run.
 */
@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        resourceBundle = "io.pacer.cli.KafkaTuneCommand",
        description = "Find the producer settings (batch.size, linger.ms, compression.type; acks with --durability"
                + " relaxed) that send the most records within a p99 target on this cluster: an adaptive search of"
                + " short runs within a time budget, Kafka's defaults measured in the same run, the winner confirmed.",
        footer = {
            "",
            "Examples:",
            "  pacer kafka tune                                   # embedded broker, 100 B records, 5 minutes",
            "  pacer kafka tune -b 127.0.0.1:9092 --budget 10m --target-p99 20ms --record-size 512 --keys random:1000 \\",
            "      --output best.properties --html tune.html --json tune.json",
            "  pacer kafka tune --rate 50000 --durability relaxed --producer-config security.properties",
            "",
            "Exit codes: 0 a configuration met the target and its confirmation did too, 1 none did, 2 bad usage."
        })
final class KafkaTuneCommand implements Callable<Integer> {

    @Mixin
    KafkaTarget target;

    @Mixin
    ProducerWorkloadOptions workload;

    @Option(
            names = "--budget",
            paramLabel = "TIME",
            defaultValue = "5m",
            converter = Converters.DurationConverter.class,
            description = "The whole search, confirmation included, ends within TIME (default ${DEFAULT-VALUE};"
                    + " at least 45s).")
    Duration budget;

    @Option(
            names = "--target-p99",
            paramLabel = "TIME",
            defaultValue = "50ms",
            converter = Converters.DurationConverter.class,
            description = "A configuration qualifies when its p99 send-to-ack latency is at most TIME and nothing"
                    + " failed (default ${DEFAULT-VALUE}).")
    Duration targetP99;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "-1",
            converter = Converters.RateConverter.class,
            description = "Records per second to offer, or -1 for as fast as the producer takes them (default"
                    + " ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--max-outstanding",
            paramLabel = "N",
            defaultValue = "5000",
            description = "Records sent but not yet acknowledged, at most; with --rate -1 the p99 is about N over the"
                    + " throughput (default ${DEFAULT-VALUE}).")
    int maxOutstanding;

    @Option(
            names = "--durability",
            paramLabel = "strict|relaxed",
            defaultValue = "strict",
            description = "strict: acks=all with idempotence only; relaxed: acks=1 is tried too (default"
                    + " ${DEFAULT-VALUE}).")
    Durability durability;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed of the candidate order: the same seed tries the same candidates (default"
                    + " ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = {"--output", "-o"},
            paramLabel = "FILE",
            description = "Write the best configuration that met the target as .properties (default: none).")
    Path output;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report (default: none).")
    Path html;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "Write the result as JSON, schema pacer.tune-result/1 (default: none).")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (budget.compareTo(TuneSettings.MIN_BUDGET) < 0 || budget.compareTo(TuneSettings.MAX_BUDGET) > 0) {
            throw new UsageException("--budget " + Numbers.seconds(budget.toMillis())
                    + " is out of range: give 45s to 24h, e.g. --budget 5m");
        }
        if (targetP99.toMillis() < 1 || targetP99.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new UsageException(
                    "--target-p99 must be 1ms to 10m, e.g. --target-p99 50ms, but was " + targetP99.toMillis() + "ms");
        }
        KafkaProfileCommand.checkWritable("--output", output);
        KafkaProfileCommand.checkWritable("--html", html);
        KafkaProfileCommand.checkWritable("--json", json);
        Map<String, String> base = workload.producerProperties();
        try {
            KafkaProduceSettings produce = workload.settings(target.servers(err), base);
            TuneSettings settings =
                    new TuneSettings(produce, rate > 0 ? rate : 0, maxOutstanding, targetP99, budget, durability, seed);
            TuneProgress progress = TuneProgress.forConsole(err, budget);
            TuneRun run = Tuner.start(settings, parameters(base), progress);
            TuneResult result;
            try (StopOnSignal ignored = StopOnSignal.install(
                    run::stop, "ending the current run; the best so far is reported, unconfirmed", err)) {
                result = run.await();
            }
            progress.finish();
            TuneSummary.print(result, out);
            write(result, out, err);
            boolean confirmed =
                    result.confirmation() == null || result.confirmation().meetsTarget();
            return result.best() != null && confirmed ? ExitCode.OK : ExitCode.FAILED_RUN;
        } finally {
            target.close();
        }
    }

    private void write(TuneResult result, PrintWriter out, PrintWriter err) throws java.io.IOException {
        String best = Tuner.bestProperties(result);
        if (output != null && best != null) {
            Files.writeString(output, best, StandardCharsets.ISO_8859_1);
            out.println("best configuration written to " + output);
        } else if (output != null) {
            err.println("pacer: nothing written to " + output + ": no configuration met the target");
        }
        if (json != null) {
            Tuner.writeJson(result, json);
            err.println("pacer: result written to " + json);
        }
        if (html != null) {
            HtmlReport.write(result, html);
            err.println("pacer: report written to " + html);
        }
    }

    private Map<String, String> parameters(Map<String, String> base) {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("rate", rate > 0 ? Numbers.decimal(rate) : "unlimited");
        own.put("max_outstanding", String.valueOf(maxOutstanding));
        return workload.parameters("kafka tune", own, target.embedded(), base);
    }
}
