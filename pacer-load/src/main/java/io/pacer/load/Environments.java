package io.pacer.load;

import java.net.InetAddress;
import java.time.Instant;
import org.apache.kafka.common.utils.AppInfoParser;

/** Reads where a run happened: JVM, OS, CPUs, host and the kafka-clients version on the class path. */
final class Environments {

    private Environments() {}

    static RunResult.Environment probe(Instant start, Instant end) {
        Runtime runtime = Runtime.getRuntime();
        return new RunResult.Environment(
                System.getProperty("java.vendor", "unknown"),
                System.getProperty("java.runtime.version", Runtime.version().toString()),
                System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", ""),
                System.getProperty("os.arch", "unknown"),
                runtime.availableProcessors(),
                runtime.maxMemory(),
                hostname(),
                AppInfoParser.getVersion(),
                start,
                end);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException e) {
            return "unknown";
        }
    }
}
