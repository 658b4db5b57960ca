package io.pacer.cli;

import io.pacer.load.Driver;
import io.pacer.load.kafka.KafkaDrivers;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Mixin;

/**
 * The producer test's options and driver, shared by {@code pacer kafka produce} and {@code pacer kafka} (which runs
 * the producer test when no subcommand is given).
 */
abstract class ProduceCommandBase extends LoadCommand {

    @Mixin
    KafkaTarget target;

    @Mixin
    ProducerWorkloadOptions workload;

    @Override
    Driver driver(PrintWriter err) {
        return KafkaDrivers.produce(workload.settings(target.servers(err), workload.producerProperties()));
    }

    @Override
    Map<String, String> parameters() {
        return workload.parameters("kafka produce", Map.of(), target.embedded(), workload.producerProperties());
    }

    @Override
    void release() {
        target.close();
    }
}
