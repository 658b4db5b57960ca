package io.pacer.monitor.collect;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The remote JVM of {@link JvmCollectorTest}: started with JMX on a port, it holds a million small objects (so a full
 * collection takes measurable milliseconds), says {@code ready}, and runs {@code System.gc()} for each {@code gc} line
 * it reads, answering {@code done}. It exits when its input closes.
 */
public final class JmxTarget {
    private static final List<Object> RETAINED = new ArrayList<>();

    private JmxTarget() {}

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 1_000_000; i++) {
            RETAINED.add(new int[] {i});
        }
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("gc")) {
                System.gc();
                System.out.println("done " + RETAINED.size());
            }
        }
    }
}
