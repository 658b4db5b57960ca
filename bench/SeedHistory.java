import io.pacer.monitor.Sample;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * bench/serve.sh's history: SERIES series named bench.series.value with label series=0..N-1, one sample every STEP
 * seconds over the last HOURS hours, written through MetricStore (so the rollups are the store's own), ending now.
 * Run as a single-file source program: java -cp pacer.jar bench/SeedHistory.java DIR SERIES HOURS STEP
 */
public class SeedHistory {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int series = Integer.parseInt(args[1]);
        int hours = Integer.parseInt(args[2]);
        int step = Integer.parseInt(args[3]);
        Instant now = Instant.now();
        Instant start = now.minus(Duration.ofHours(hours));
        Random random = new Random(42);
        long written = 0;
        long began = System.nanoTime();
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir))) {
            for (Instant t = start; t.isBefore(now); t = t.plusSeconds(step)) {
                List<Sample> batch = new ArrayList<>(series);
                for (int s = 0; s < series; s++) {
                    batch.add(Sample.of("bench.series.value", Map.of("series", Integer.toString(s)), t,
                            50 + 10 * Math.sin(t.getEpochSecond() / 600.0 + s) + random.nextGaussian()));
                }
                store.write(batch);
                written += batch.size();
                if (store.buffered() > 500_000) {
                    store.flush();
                }
            }
            store.flush();
            store.maintain(now);
        }
        System.out.printf("SEED samples=%d series=%d hours=%d step_s=%d seconds=%.1f%n",
                written, series, hours, step, (System.nanoTime() - began) / 1e9);
    }
}
