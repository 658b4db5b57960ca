package io.pacer.monitor.alert;

import java.util.List;

/**
 * What a rule file holds: rules, and the webhooks their alerts go to. Read by {@link RuleFiles}.
 *
 * @param rules the rules, in file order (a YAML file's {@code rules}, then seed 002 thresholds)
 * @param webhooks where to post notifications; may be empty
 */
public record RuleFile(List<AlertRule> rules, List<WebhookConfig> webhooks) {

    public RuleFile {
        rules = List.copyOf(rules);
        webhooks = List.copyOf(webhooks);
    }
}
