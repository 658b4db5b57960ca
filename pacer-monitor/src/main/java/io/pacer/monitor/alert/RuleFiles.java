package io.pacer.monitor.alert;

import io.pacer.internal.Yaml;
import io.pacer.internal.Yaml.Node;
import io.pacer.internal.YamlException;
import io.pacer.tune.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads rule files: YAML with {@code rules} and {@code webhooks} (format in {@code docs/alerts.md}), and seed 002's
 * threshold JSON exactly as written ({@code system_thresholds}, {@code service_thresholds}, {@code
 * database_thresholds}, each key with {@code warning}, {@code critical} and {@code action}) — JSON is YAML, so one
 * file may hold both. Every error is a {@link RuleFileException} naming file, line, column and field; an unknown field
 * is an error (a misspelt {@code critcal} must not silently drop a threshold).
 */
public final class RuleFiles {
    /**
     * Top-level sections; {@code targets} belongs to {@code TargetsConfig} and {@code server} to {@code pacer serve}
     * (one pacer.yaml holds them all) and are skipped.
     */
    private static final Set<String> TOP = ordered(
            "rules", "webhooks", "system_thresholds", "service_thresholds", "database_thresholds", "targets", "server");

    private static final Set<String> RULE = ordered(
            "name",
            "metric",
            "labels",
            "warning",
            "critical",
            "direction",
            "for",
            "hysteresis",
            "aggregate",
            "window",
            "action",
            "summary");
    private static final Set<String> SEED_ENTRY = ordered("warning", "critical", "action", "for", "hysteresis");
    private static final Set<String> WEBHOOK =
            ordered("url", "headers", "timeout", "initialBackoff", "maxBackoff", "maxAttempts", "queueCapacity");

    private RuleFiles() {}

    /**
     * @throws RuleFileException when the file cannot be read or used
     */
    public static RuleFile load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException(file.toString(), 0, 0, "", "cannot read the rule file: " + e);
        }
        return parse(text, file.toString());
    }

    /**
     * @param fileName how errors name the file
     * @throws RuleFileException when the text cannot be used
     */
    public static RuleFile parse(String text, String fileName) {
        try {
            return read(Yaml.parse(text, fileName));
        } catch (RuleFileException e) {
            throw e;
        } catch (YamlException e) {
            throw new RuleFileException(e); // the reader's and the nodes' errors, as a rule file's
        }
    }

    private static RuleFile read(Node doc) {
        if (doc.value() == null) {
            return new RuleFile(List.of(), List.of());
        }
        Map<String, Node> top = doc.fields(TOP);
        List<AlertRule> rules = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        Node ruleList = top.get("rules");
        if (ruleList != null && ruleList.value() != null) {
            for (Node r : ruleList.items()) {
                add(rules, names, rule(r), r.fields(RULE).getOrDefault("name", r));
            }
        }
        for (Map.Entry<String, Map<String, SeedThresholds.Mapping>> section : SeedThresholds.TABLE.entrySet()) {
            Node node = top.get(section.getKey());
            if (node != null && node.value() != null) {
                for (Map.Entry<String, Node> e :
                        node.fields(section.getValue().keySet()).entrySet()) {
                    AlertRule rule = seedRule(
                            section.getKey(), e.getKey(), section.getValue().get(e.getKey()), e.getValue());
                    add(rules, names, rule, e.getValue());
                }
            }
        }
        List<WebhookConfig> webhooks = new ArrayList<>();
        Node hooks = top.get("webhooks");
        if (hooks != null && hooks.value() != null) {
            hooks.items().forEach(h -> webhooks.add(webhook(h)));
        }
        return new RuleFile(rules, webhooks);
    }

    private static void add(List<AlertRule> rules, Map<String, Node> names, AlertRule rule, Node at) {
        Node first = names.putIfAbsent(rule.name(), at);
        if (first != null) {
            throw at.error("rule name '" + rule.name() + "' is already used at line "
                    + first.keyAt().line() + "; rule names must be unique");
        }
        rules.add(rule);
    }

    private static AlertRule rule(Node node) {
        Map<String, Node> f = node.fields(RULE);
        Node name = required(node, f, "name");
        Node metric = required(node, f, "metric");
        return build(
                node,
                f,
                () -> new AlertRule(
                        name.string(),
                        metric.string(),
                        optional(f, "labels", RuleFiles::labels),
                        optional(f, "warning", Node::number),
                        optional(f, "critical", Node::number),
                        optional(f, "direction", n -> choice(n, Direction.class)),
                        optional(f, "for", RuleFiles::duration),
                        optional(f, "hysteresis", RuleFiles::hysteresis),
                        optional(f, "aggregate", n -> choice(n, Aggregation.class)),
                        optional(f, "window", RuleFiles::duration),
                        optional(f, "action", Node::string),
                        optional(f, "summary", Node::string)));
    }

    private static AlertRule seedRule(String section, String key, SeedThresholds.Mapping m, Node node) {
        Map<String, Node> f = node.fields(SEED_ENTRY);
        Double warning = optional(f, "warning", n -> n.number() / m.divisor());
        Double critical = optional(f, "critical", n -> n.number() / m.divisor());
        return build(
                node,
                f,
                () -> new AlertRule(
                        key,
                        m.metric(),
                        Map.of(),
                        warning,
                        critical,
                        null,
                        optional(f, "for", RuleFiles::duration),
                        optional(f, "hysteresis", RuleFiles::hysteresis),
                        null,
                        null,
                        optional(f, "action", Node::string),
                        "seed 002 " + section + "." + key));
    }

    private static WebhookConfig webhook(Node node) {
        Map<String, Node> f = node.fields(WEBHOOK);
        Node url = required(node, f, "url");
        URI uri;
        try {
            uri = new URI(url.string());
        } catch (URISyntaxException e) {
            throw url.mustBe("an http or https URL such as https://hooks.example.com/pacer");
        }
        WebhookConfig d = WebhookConfig.of(URI.create("http://x"));
        return build(
                node,
                f,
                () -> new WebhookConfig(
                        uri,
                        orElse(optional(f, "headers", RuleFiles::labels), d.headers()),
                        orElse(optional(f, "queueCapacity", RuleFiles::integer), d.queueCapacity()),
                        orElse(optional(f, "timeout", RuleFiles::duration), d.timeout()),
                        orElse(optional(f, "initialBackoff", RuleFiles::duration), d.initialBackoff()),
                        orElse(optional(f, "maxBackoff", RuleFiles::duration), d.maxBackoff()),
                        orElse(optional(f, "maxAttempts", RuleFiles::integer), d.maxAttempts())));
    }

    /** Runs a record's validation, pointing its error at the field its message names, else at the whole entry. */
    private static <T> T build(Node node, Map<String, Node> fields, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (YamlException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            for (Map.Entry<String, Node> f : fields.entrySet()) {
                String said =
                        f.getKey().equals("name") ? "rule name" : f.getKey().equals("labels") ? "label" : f.getKey();
                String lead = said.toLowerCase(Locale.ROOT);
                if (message.toLowerCase(Locale.ROOT).startsWith(lead + " ")
                        || message.toLowerCase(Locale.ROOT).startsWith("webhook " + lead + " ")) {
                    throw f.getValue().error(message);
                }
            }
            throw node.error(message);
        }
    }

    private static Node required(Node node, Map<String, Node> f, String field) {
        Node v = f.get(field);
        if (v == null || v.value() == null) {
            throw node.error("'" + field + "' is required");
        }
        return v;
    }

    private static <T> T optional(Map<String, Node> f, String field, Function<Node, T> read) {
        Node v = f.get(field);
        return v == null || v.value() == null ? null : read.apply(v);
    }

    private static <T> T orElse(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private static Map<String, String> labels(Node node) {
        if (!(node.value() instanceof Map<?, ?> m)) {
            throw node.mustBe("a mapping of label names to values");
        }
        Map<String, String> result = new LinkedHashMap<>();
        m.forEach((k, v) -> result.put((String) k, ((Node) v).string()));
        return result;
    }

    private static Duration duration(Node node) {
        if (node.value() instanceof Number n && n.doubleValue() == 0) {
            return Duration.ZERO;
        }
        if (!(node.value() instanceof String s)) {
            throw node.mustBe("a duration such as 30s, 2m or 1h");
        }
        try {
            return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            throw node.mustBe("a duration such as 30s, 2m or 1h");
        }
    }

    private static Hysteresis hysteresis(Node node) {
        try {
            return node.value() instanceof Number n
                    ? new Hysteresis(n.doubleValue(), false)
                    : Hysteresis.parse(node.string());
        } catch (IllegalArgumentException e) {
            throw node.mustBe("a percentage of the threshold (5%) or an absolute amount (0.02)");
        }
    }

    private static int integer(Node node) {
        if (!(node.value() instanceof Integer i)) {
            throw node.mustBe("a whole number");
        }
        return i;
    }

    private static <E extends Enum<E>> E choice(Node node, Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
            if (e.name().equalsIgnoreCase(node.string())) {
                return e;
            }
        }
        throw node.mustBe("one of " + String.join(", ", names));
    }

    private static Set<String> ordered(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }
}
