package io.pacer.verdict.readiness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The broker side of security, judged from the broker configs in a {@link ClusterSnapshot}: listeners clients reach
 * without encryption, no authorizer (or one that lets everyone in when no ACL matches), TLS listeners that
 * authenticate nobody, and brokers that do not verify each other's host names. The client side (the client's own
 * {@code security.protocol}, hostname verification, secrets in world-readable files) is judged from the client
 * configs by other rules.
 */
final class BrokerSecurityRules implements ReadinessCheck {

    static final String PLAINTEXT_LISTENER = "security.broker-plaintext-listener";
    static final String NO_AUTHORIZER = "security.broker-no-authorizer";
    static final String ALLOW_EVERYONE = "security.broker-allow-everyone";
    static final String UNAUTHENTICATED_TLS = "security.broker-tls-without-authentication";
    static final String BROKER_HOSTNAME = "security.broker-hostname-verification-disabled";

    /** The authorizer of a KRaft cluster. */
    static final String KRAFT_AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    private static final Set<String> UNENCRYPTED = Set.of("PLAINTEXT", "SASL_PLAINTEXT");

    @Override
    public Category category() {
        return Category.SECURITY;
    }

    @Override
    public List<String> ruleIds() {
        return List.of(PLAINTEXT_LISTENER, NO_AUTHORIZER, ALLOW_EVERYONE, UNAUTHENTICATED_TLS, BROKER_HOSTNAME);
    }

    @Override
    public boolean applies(ReadinessInput input) {
        return input.cluster() != null
                && input.cluster().brokers().stream().anyMatch(b -> !b.configs().isEmpty());
    }

    @Override
    public List<Finding> check(ReadinessInput input) {
        if (!applies(input)) {
            return List.of();
        }
        ClusterSnapshot cluster = input.cluster();
        Environment env = input.environment();
        List<Evidence> plaintext = new ArrayList<>();
        List<Evidence> noAuthorizer = new ArrayList<>();
        List<Evidence> allowEveryone = new ArrayList<>();
        List<Evidence> tlsAnonymous = new ArrayList<>();
        List<Evidence> noHostname = new ArrayList<>();
        boolean saslOnly = true;
        for (ClusterSnapshot.Broker b : cluster.brokers()) {
            Map<String, String> c = b.configs();
            if (c.isEmpty()) {
                continue;
            }
            String where = "broker " + b.id();
            Map<String, String> listeners = clientListeners(c);
            boolean tls = false;
            for (Map.Entry<String, String> l : listeners.entrySet()) {
                String protocol = l.getValue();
                if (UNENCRYPTED.contains(protocol)) {
                    plaintext.add(new Evidence("listener " + l.getKey() + " uses " + protocol, where));
                    saslOnly &= protocol.startsWith("SASL");
                }
                if (protocol.equals("SSL")) {
                    String clientAuth = c.getOrDefault("ssl.client.auth", "none");
                    if (!clientAuth.equalsIgnoreCase("required")) {
                        tlsAnonymous.add(new Evidence(
                                "listener " + l.getKey() + " uses SSL with ssl.client.auth=" + clientAuth, where));
                    }
                }
                tls |= protocol.endsWith("SSL");
            }
            String authorizer = c.getOrDefault("authorizer.class.name", "").trim();
            if (authorizer.isEmpty()) {
                noAuthorizer.add(new Evidence("authorizer.class.name is empty", where));
            } else if ("true".equalsIgnoreCase(c.get("allow.everyone.if.no.acl.found"))) {
                allowEveryone.add(new Evidence("allow.everyone.if.no.acl.found=true", where));
            }
            if (tls
                    && c.getOrDefault("ssl.endpoint.identification.algorithm", "https")
                            .isBlank()) {
                noHostname.add(new Evidence("ssl.endpoint.identification.algorithm is empty", where));
            }
        }
        List<Finding> findings = new ArrayList<>();
        if (!plaintext.isEmpty()) {
            findings.add(new Finding(
                    PLAINTEXT_LISTENER,
                    Category.SECURITY,
                    Severities.GRADED.in(env),
                    "brokers accept clients without encryption" + (saslOnly ? "" : " or authentication"),
                    plaintext,
                    saslOnly
                            ? "SASL_PLAINTEXT authenticates clients, but every record (and a PLAIN password) crosses"
                                    + " the network readable by anyone on the path."
                            : "On a PLAINTEXT listener anyone who reaches the port reads and writes every topic,"
                                    + " unauthenticated and in clear text.",
                    "serve clients on SASL_SSL (server.properties, then a rolling restart):"
                            + " listeners=SASL_SSL://:9093 advertised.listeners=SASL_SSL://HOST:9093"
                            + " sasl.enabled.mechanisms=SCRAM-SHA-512 ssl.keystore.location=/etc/kafka/broker.jks;"
                            + " clients then set security.protocol=SASL_SSL"));
        }
        if (!noAuthorizer.isEmpty()) {
            findings.add(new Finding(
                    NO_AUTHORIZER,
                    Category.SECURITY,
                    Severities.GRADED.in(env),
                    "brokers check no ACLs",
                    noAuthorizer,
                    "Without an authorizer every client that connects may read, write, delete topics and change"
                            + " configs: authentication alone does not limit what it does.",
                    "authorizer.class.name=" + KRAFT_AUTHORIZER + " with super.users=User:admin and"
                            + " allow.everyone.if.no.acl.found=false in server.properties (rolling restart), then"
                            + " grant access: kafka-acls.sh --bootstrap-server " + cluster.bootstrap()
                            + " --add --allow-principal User:app --operation Write --topic TOPIC"));
        }
        if (!allowEveryone.isEmpty()) {
            findings.add(new Finding(
                    ALLOW_EVERYONE,
                    Category.SECURITY,
                    Severities.WARN.in(env),
                    "resources without ACLs are open to everyone",
                    allowEveryone,
                    "Every topic or group nobody wrote an ACL for — a new one above all — is readable and writable"
                            + " by any client.",
                    "allow.everyone.if.no.acl.found=false in server.properties (rolling restart), after granting"
                            + " the ACLs clients need"));
        }
        if (!tlsAnonymous.isEmpty()) {
            findings.add(new Finding(
                    UNAUTHENTICATED_TLS,
                    Category.SECURITY,
                    Severities.GRADED.in(env),
                    "TLS listeners encrypt but authenticate no client",
                    tlsAnonymous,
                    "An SSL listener without client certificates lets every client in as ANONYMOUS; only ACLs"
                            + " denying ANONYMOUS stand in the way.",
                    "ssl.client.auth=required (with a truststore for client certificates), or use SASL_SSL"));
        }
        if (!noHostname.isEmpty()) {
            findings.add(new Finding(
                    BROKER_HOSTNAME,
                    Category.SECURITY,
                    Severities.WARN.in(env),
                    "brokers do not verify each other's host names over TLS",
                    noHostname,
                    "Without host-name verification any certificate from the trusted CA passes, so a machine"
                            + " holding one can impersonate a broker to the others.",
                    "ssl.endpoint.identification.algorithm=https in server.properties (the default; remove the"
                            + " empty override)"));
        }
        return findings;
    }

    /**
     * The listeners clients reach, by name, with their security protocol: the advertised listeners (else the
     * listeners), without the controller's.
     */
    static Map<String, String> clientListeners(Map<String, String> configs) {
        String listed = configs.getOrDefault("advertised.listeners", "");
        if (listed.isBlank()) {
            listed = configs.getOrDefault("listeners", "");
        }
        Set<String> controllers = Set.of(configs.getOrDefault("controller.listener.names", "")
                .toUpperCase(Locale.ROOT)
                .split("\\s*,\\s*"));
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair :
                configs.getOrDefault("listener.security.protocol.map", "").split("\\s*,\\s*")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                map.put(
                        pair.substring(0, colon).trim().toUpperCase(Locale.ROOT),
                        pair.substring(colon + 1).trim().toUpperCase(Locale.ROOT));
            }
        }
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : listed.split("\\s*,\\s*")) {
            int sep = listener.indexOf("://");
            if (sep <= 0) {
                continue;
            }
            String name = listener.substring(0, sep).trim().toUpperCase(Locale.ROOT);
            if (!controllers.contains(name)) {
                listeners.put(name, map.getOrDefault(name, name));
            }
        }
        return listeners;
    }
}
