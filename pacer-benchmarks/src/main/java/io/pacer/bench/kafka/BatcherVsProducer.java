package io.pacer.bench.kafka;

import io.pacer.batch.AdaptivePolicy;
import io.pacer.batch.BatchPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One run of {@code bench/batcher-kafka.sh}: sends {@code --warmup} then {@code --events} events of {@code --size}
 * bytes from one thread through one contender to a broker in another JVM, and prints one line:
 * {@code eps=<measured events/s> p50_us=… p99_us=… max_us=… failures=… <settings>}.
 *
 * <pre>
 * --mode bare|batcher      --bootstrap host:port   --topic T        --events N (1000000)  --warmup N (200000)
 * --size BYTES (100)       --rate EVENTS/S (0 = as fast as the contender takes them)
 * --max-events N --linger-ms MS --max-in-flight K   (batcher; absent = the builder's defaults)
 * --adaptive-ms MS         (batcher: adaptive mode targeting that p99)
 * -P key=value             (producer settings, both modes; bare's linger.ms defaults to the batcher's linger)
 * </pre>
 */
public final class BatcherVsProducer {
    private BatcherVsProducer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        Map<String, Object> producer = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-P") && i + 1 < args.length) {
                String[] kv = args[++i].split("=", 2);
                producer.put(kv[0], kv[1]);
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; see the class javadoc");
            }
        }
        String mode = options.getOrDefault("mode", "batcher");
        long events = Long.parseLong(options.getOrDefault("events", "1000000"));
        long warmup = Long.parseLong(options.getOrDefault("warmup", "200000"));
        Events source = new Events(
                Integer.parseInt(options.getOrDefault("size", "100")),
                Double.parseDouble(options.getOrDefault("rate", "0")));
        producer.put("bootstrap.servers", required(options, "bootstrap"));
        producer.put("key.serializer", ByteArraySerializer.class.getName());
        producer.put("value.serializer", ByteArraySerializer.class.getName());
        Recorder latency = new Recorder(Events.HIGHEST_MICROS, 3);
        try (Contender contender = contender(mode, options, producer, required(options, "topic"), latency)) {
            run(contender, source, warmup);
            latency.getIntervalHistogram(); // the warm-up's latencies are not reported
            long start = System.nanoTime();
            run(contender, source, events);
            double seconds = (System.nanoTime() - start) / 1e9;
            Histogram measured = latency.getIntervalHistogram();
            System.out.printf(
                    Locale.ROOT,
                    "eps=%.0f p50_us=%d p99_us=%d max_us=%d acked=%d failures=%d %s%n",
                    events / seconds,
                    measured.getValueAtPercentile(50),
                    measured.getValueAtPercentile(99),
                    measured.getMaxValue(),
                    measured.getTotalCount(),
                    contender.failures(),
                    contender.settings());
        }
    }

    private static void run(Contender contender, Events source, long count) throws Exception {
        source.restartSchedule();
        for (long i = 0; i < count; i++) {
            contender.send(source.next());
        }
        contender.drain();
    }

    private static Contender contender(
            String mode, Map<String, String> options, Map<String, Object> producer, String topic, Recorder latency) {
        Duration linger = options.containsKey("linger-ms")
                ? Duration.ofMillis(Long.parseLong(options.get("linger-ms")))
                : BatchPolicy.DEFAULT_LINGER;
        if (mode.equals("bare")) {
            producer.putIfAbsent("linger.ms", String.valueOf(linger.toMillis()));
            return new BareProducer(producer, topic, latency);
        }
        if (!mode.equals("batcher")) {
            throw new IllegalArgumentException("--mode must be bare or batcher, but was " + mode);
        }
        BatchPolicy policy = null;
        if (options.containsKey("max-events") || options.containsKey("linger-ms")) {
            int maxEvents = Integer.parseInt(
                    options.getOrDefault("max-events", String.valueOf(BatchPolicy.DEFAULT_MAX_EVENTS)));
            policy = BatchPolicy.ofDefaults().withLinger(linger).withMaxEvents(maxEvents);
        }
        AdaptivePolicy adaptive = options.containsKey("adaptive-ms")
                ? AdaptivePolicy.targeting(Duration.ofMillis(Long.parseLong(options.get("adaptive-ms"))))
                : null;
        int maxInFlight = Integer.parseInt(options.getOrDefault("max-in-flight", "0"));
        return new PacerBatcher(producer, topic, policy, maxInFlight, adaptive, latency);
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            List<String> given = new ArrayList<>(options.keySet());
            throw new IllegalArgumentException("--" + name + " is required; given: " + given);
        }
        return value;
    }
}
