/**
 * Alert rules over the samples collectors yield.
 *
 * <pre>
 *   RuleFiles.load(rules.yaml) ─▶ RuleFile(rules, webhooks)       DefaultRules.stream() / kafkaLag()
 *                                      │                                   │
 *   samples since last call, now ─▶ AlertEngine.evaluate ─▶ Evaluation(transitions, active, nextCheck)
 *                                      │ every transition          │ firing / severity change / resolved
 *                                      ▼                           ▼
 *                                 AlertHistory               Notifier.log(), Notifier.webhook(config)
 *                          (in memory now; the store's JDBC)   (bounded queue, own thread, retries)
 * </pre>
 *
 * Rules, the lifecycle, seed 002's mapping table and the webhook body are documented in {@code docs/alerts.md}.
 */
package io.pacer.monitor.alert;
