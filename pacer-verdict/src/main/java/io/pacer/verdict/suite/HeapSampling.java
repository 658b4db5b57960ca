package io.pacer.verdict.suite;

import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.Figure;
import io.pacer.load.Outcome;
import io.pacer.load.RecordAccounting;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A driver that adds the gauge {@link Figure#HEAP_GAUGE} to the one it wraps: this JVM's heap in use right after the
 * last garbage collection, MB, summed over the heap pools — what stays live, the figure a leak makes climb (heap in
 * use at an arbitrary moment mostly shows how much garbage waits for the next collection). Used for gates on
 * {@code heap_drift}; the heap is Pacer's own, so it speaks for the system under test when that runs in this process
 * (the batcher, the stream test's built-in processor).
 */
final class HeapSampling implements Driver {

    private static final double MB = 1024.0 * 1024.0;

    private final Driver driver;

    HeapSampling(Driver driver) {
        this.driver = driver;
    }

    @Override
    public void open() throws Exception {
        driver.open();
    }

    @Override
    public CompletionStage<Outcome> start(Call call) {
        return driver.start(call);
    }

    @Override
    public Map<String, Double> gauges() {
        Map<String, Double> gauges = new HashMap<>(driver.gauges());
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        gauges.put(Figure.HEAP_GAUGE, used / MB);
        return gauges;
    }

    @Override
    public Map<String, Double> summary() {
        return driver.summary();
    }

    @Override
    public Optional<RecordAccounting> accounting() {
        return driver.accounting();
    }

    @Override
    public String describe() {
        return driver.describe();
    }

    @Override
    public void close() throws Exception {
        driver.close();
    }
}
