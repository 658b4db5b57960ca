package io.pacer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.load.distributed.ControlSettings;
import io.pacer.load.distributed.Distributed;
import io.pacer.load.distributed.WorkerInfo;
import io.pacer.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test fixture: {@code pacer worker} processes, each a JVM of its own on the test class path, and a tap on the
 * results topic that keeps every message the workers send (their raw histograms and results, to check the
 * coordinator's merge against).
 */
final class WorkerProcesses implements AutoCloseable {

    private final String bootstrap;
    private final String controlTopic;
    private final Map<String, Worker> workers = new HashMap<>();
    private final List<JsonNode> results = new CopyOnWriteArrayList<>();
    private final Thread tap;
    private volatile boolean tapping = true;

    /** One worker process and what it printed. */
    static final class Worker {
        final Process process;
        private final StringBuffer output = new StringBuffer();

        Worker(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        output.append(line).append('\n');
                    }
                } catch (IOException ended) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            return output.toString();
        }
    }

    WorkerProcesses(String bootstrap, String controlTopic, String... names) throws IOException {
        this.bootstrap = bootstrap;
        this.controlTopic = controlTopic;
        for (String name : names) {
            workers.put(name, start(name));
        }
        Await.until(
                Duration.ofSeconds(90),
                "workers " + String.join(", ", names) + " heartbeating",
                () -> live().size() >= names.length);
        tap = new Thread(this::tap, "results-tap");
        tap.setDaemon(true);
        tap.start();
    }

    private Worker start(String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Pacer.class.getName(),
                        "worker",
                        "--bootstrap",
                        bootstrap,
                        "--name",
                        name,
                        "--control-topic",
                        controlTopic,
                        "--heartbeat",
                        "500ms")
                .redirectErrorStream(true);
        return new Worker(builder.start());
    }

    List<WorkerInfo> live() {
        return Distributed.liveWorkers(new ControlSettings(bootstrap, controlTopic), Duration.ofSeconds(2));
    }

    Worker worker(String name) {
        return workers.get(name);
    }

    /** Every message of {@code runId} on the results topic so far, of {@code type}. */
    List<JsonNode> results(String runId, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : results) {
            if (runId.equals(m.path("runId").asText())
                    && type.equals(m.path("type").asText())) {
                out.add(m);
            }
        }
        return out;
    }

    /** Every message on the results topic so far. */
    List<JsonNode> results() {
        return List.copyOf(results);
    }

    /** Writes {@code json} to the control topic, as a coordinator or worker of any version would. */
    void sendControl(String json) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(controlTopic, json));
        }
    }

    private void tap() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 << 20);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(controlTopic + ControlSettings.RESULTS_SUFFIX, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (tapping) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        results.add(Json.documentReader().readTree(record.value()));
                    } catch (IOException notJson) {
                        // a probe record
                    }
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        tapping = false;
        for (Worker w : workers.values()) {
            w.process.destroy();
        }
        for (Worker w : workers.values()) {
            if (!w.process.waitFor(30, TimeUnit.SECONDS)) {
                w.process.destroyForcibly();
            }
        }
        tap.join(5_000);
    }
}
