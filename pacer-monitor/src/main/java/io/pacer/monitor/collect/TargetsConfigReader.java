package io.pacer.monitor.collect;

import io.pacer.internal.Check;
import io.pacer.internal.Yaml;
import io.pacer.tune.Durations;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads the {@code targets:} section of {@code pacer.yaml} through Pacer's one located YAML reader ({@link Yaml}), so
 * that every error names the file, the line and column and the field ({@code pacer.yaml:7:5: targets.redis[1]: must
 * be host:port..., but was 'x'}). Other sections belong to other parts of Pacer (alert rules) and are left alone.
 */
final class TargetsConfigReader {
    private static final List<String> FIELDS =
            List.of("interval", "timeout", "host", "jvm", "postgres", "redis", "scrape", "health", "jmx", "kafka");

    private TargetsConfigReader() {}

    static TargetsConfig read(Path file) {
        Yaml.Node document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = Yaml.read(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        if (document.isNull()) {
            return TargetsConfig.ofDefaults();
        }
        if (!document.isMapping()) {
            throw document.mustBe("a mapping of sections such as targets:");
        }
        Yaml.Node targets = document.fields().get("targets");
        if (targets == null || targets.isNull()) {
            return TargetsConfig.ofDefaults();
        }
        return targets(targets);
    }

    private static TargetsConfig targets(Yaml.Node targets) {
        Map<String, Yaml.Node> f = targets.fields(FIELDS);
        Duration interval = f.containsKey("interval")
                ? scalar(f.get("interval"), (p, t) -> duration(p, t, TargetsConfig.MIN_INTERVAL))
                : TargetsConfig.DEFAULT_INTERVAL;
        Duration timeout = f.containsKey("timeout")
                ? scalar(f.get("timeout"), (p, t) -> duration(p, t, Duration.ofMillis(10)))
                : TargetsConfig.DEFAULT_TIMEOUT;
        boolean host = bool(f.get("host"));
        boolean jvm = bool(f.get("jvm"));
        List<String> postgres = list(f.get("postgres"), TargetsConfig::postgresUrl);
        List<HostPort> redis = list(f.get("redis"), HostPort::parse);
        List<URI> scrape = list(f.get("scrape"), TargetsConfig::httpUrl);
        List<URI> health = list(f.get("health"), TargetsConfig::httpUrl);
        List<HostPort> jmx = list(f.get("jmx"), HostPort::parse);
        List<String> kafka = list(f.get("kafka"), TargetsConfig::kafkaBootstrap);
        try {
            return new TargetsConfig(interval, timeout, host, jvm, postgres, redis, scrape, health, jmx, kafka);
        } catch (IllegalArgumentException e) {
            throw targets.error(e.getMessage());
        }
    }

    private static Duration duration(String path, String text, Duration min) {
        Duration d = Durations.parse(text);
        Check.duration(path, d, min, TargetsConfig.MAX_INTERVAL);
        return d;
    }

    /** Absent means on: the host and JVM collectors run unless switched off. */
    private static boolean bool(Yaml.Node node) {
        if (node == null) {
            return true;
        }
        if (!(node.value() instanceof Boolean b)) {
            throw node.mustBe("true or false");
        }
        return b;
    }

    /** One value or a list of them; every item checked where it stands. */
    private static <T> List<T> list(Yaml.Node node, BiFunction<String, String, T> parse) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isList()) {
            return List.of(scalar(node, parse));
        }
        List<T> items = new ArrayList<>();
        for (Yaml.Node item : node.items()) {
            T value = scalar(item, parse);
            if (items.contains(value)) {
                throw item.error("repeats " + node.path() + "[" + items.indexOf(value) + "]: " + value);
            }
            items.add(value);
        }
        return items;
    }

    private static <T> T scalar(Yaml.Node node, BiFunction<String, String, T> parse) {
        if (!node.isScalar()) {
            throw node.mustBe("a single value");
        }
        try {
            return parse.apply(node.path(), node.text());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String path = node.path();
            throw node.error(message.startsWith(path + " ") ? message.substring(path.length() + 1) : message);
        }
    }
}
