package io.pacer.verdict.readiness;

import static io.pacer.verdict.readiness.Snapshots.broker;
import static io.pacer.verdict.readiness.Snapshots.cluster;
import static io.pacer.verdict.readiness.Snapshots.input;
import static io.pacer.verdict.readiness.Snapshots.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrokerSecurityRulesTest {

    private final BrokerSecurityRules rules = new BrokerSecurityRules();

    /** A broker serving clients on SASL_SSL with an authorizer that denies by default: nothing to say. */
    private static Map<String, String> secure() {
        Map<String, String> c = new HashMap<>();
        c.put("listeners", "SASL_SSL://:9093,CONTROLLER://:9094");
        c.put("advertised.listeners", "SASL_SSL://kafka-1:9093");
        c.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
        c.put("controller.listener.names", "CONTROLLER");
        c.put("authorizer.class.name", BrokerSecurityRules.KRAFT_AUTHORIZER);
        c.put("allow.everyone.if.no.acl.found", "false");
        c.put("ssl.endpoint.identification.algorithm", "https");
        return c;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> c = secure();
        c.put(key, value);
        return c;
    }

    private List<Finding> check(Environment env, Map<String, String> configs) {
        return rules.check(input(env, cluster(List.of(broker(1, configs)), List.of())));
    }

    @Test
    void aSecureBrokerPasses() {
        assertThat(check(Environment.PRODUCTION, secure())).isEmpty();
    }

    @ParameterizedTest(name = "{0} listener in {1}: {2}")
    @CsvSource({
        "PLAINTEXT, PRODUCTION, CRITICAL",
        "PLAINTEXT, STAGING, WARNING",
        "PLAINTEXT, DEVELOPMENT, INFO",
        "SASL_PLAINTEXT, PRODUCTION, CRITICAL",
    })
    void unencryptedClientListeners(String protocol, Environment env, Severity expected) {
        Map<String, String> c = secure();
        c.put("advertised.listeners", "SASL_SSL://kafka-1:9093,INTERNAL://kafka-1:9092");
        c.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,INTERNAL:" + protocol + ",CONTROLLER:PLAINTEXT");
        assertThat(only(check(env, c), "security.broker-plaintext-listener"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(expected);
                    assertThat(f.category()).isEqualTo(Category.SECURITY);
                    assertThat(f.evidence())
                            .containsExactly(new Evidence("listener INTERNAL uses " + protocol, "broker 1"));
                    assertThat(f.fix()).contains("SASL_SSL");
                });
    }

    @Test
    void theControllerListenerIsNotAClientListener() {
        Map<String, String> c = secure();
        c.remove("advertised.listeners");
        assertThat(BrokerSecurityRules.clientListeners(c)).containsExactly(Map.entry("SASL_SSL", "SASL_SSL"));
        assertThat(check(Environment.PRODUCTION, c)).isEmpty();
    }

    @Test
    void aListenerNamedAfterItsProtocolNeedsNoMapEntry() {
        Map<String, String> c = new HashMap<>();
        c.put("listeners", "PLAINTEXT://:9092");
        assertThat(BrokerSecurityRules.clientListeners(c)).containsExactly(Map.entry("PLAINTEXT", "PLAINTEXT"));
    }

    @Test
    void noAuthorizer() {
        assertThat(only(
                        check(Environment.PRODUCTION, with("authorizer.class.name", "")),
                        "security.broker-no-authorizer"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.fix()).startsWith("authorizer.class.name=" + BrokerSecurityRules.KRAFT_AUTHORIZER);
                });
    }

    @Test
    void allowEveryoneWhenNoAclMatches() {
        assertThat(check(Environment.STAGING, with("allow.everyone.if.no.acl.found", "true")))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("security.broker-allow-everyone");
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                });
    }

    @Test
    void tlsWithoutClientAuthentication() {
        Map<String, String> c = secure();
        c.put("advertised.listeners", "SSL://kafka-1:9093");
        c.put("listener.security.protocol.map", "SSL:SSL,CONTROLLER:PLAINTEXT");
        assertThat(only(check(Environment.PRODUCTION, c), "security.broker-tls-without-authentication"))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence())
                        .containsExactly(new Evidence("listener SSL uses SSL with ssl.client.auth=none", "broker 1")));
        c.put("ssl.client.auth", "required");
        assertThat(check(Environment.PRODUCTION, c)).isEmpty();
    }

    @Test
    void brokersThatDoNotVerifyHostNames() {
        assertThat(check(Environment.PRODUCTION, with("ssl.endpoint.identification.algorithm", "")))
                .singleElement()
                .satisfies(f -> assertThat(f.ruleId()).isEqualTo("security.broker-hostname-verification-disabled"));
    }

    @Test
    void withoutBrokerConfigsTheCheckDoesNotApply() {
        ReadinessInput none = input(Environment.PRODUCTION, cluster(List.of(broker(1)), List.of()));
        assertThat(rules.applies(none)).isFalse();
        assertThat(rules.check(none)).isEmpty();
    }
}
