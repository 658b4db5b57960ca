package io.pacer.verdict.readiness;

import static io.pacer.verdict.readiness.Category.SECURITY;
import static io.pacer.verdict.readiness.Severity.CRITICAL;
import static io.pacer.verdict.readiness.Severity.INFO;
import static io.pacer.verdict.readiness.Severity.WARNING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The client side of security, for the producer's and the consumer's files alike: the protocol the client speaks,
 * TLS hostname verification, and secrets left readable by every user of the host.
 */
final class ClientSecurityChecks implements ReadinessCheck {

    static final Rule PLAINTEXT = new Rule(
            "security.plaintext",
            SECURITY,
            CRITICAL,
            WARNING,
            INFO,
            "Without TLS everything on the wire — records, and with SASL_PLAINTEXT the credentials of PLAIN or"
                    + " SCRAM's exchange — can be read and altered by anyone on the network path.");
    static final Rule HOSTNAME_VERIFICATION_DISABLED = new Rule(
            "security.hostname-verification-disabled",
            SECURITY,
            CRITICAL,
            WARNING,
            INFO,
            "An empty ssl.endpoint.identification.algorithm turns off the check that the broker's certificate names"
                    + " the host connected to, so any holder of a certificate from a trusted CA can impersonate it.");
    static final Rule SECRETS_WORLD_READABLE = new Rule(
            "security.secrets-world-readable",
            SECURITY,
            CRITICAL,
            WARNING,
            INFO,
            "The file holds passwords, tokens or a JAAS config and every user of the host can read it.");

    static final List<Rule> RULES = List.of(PLAINTEXT, HOSTNAME_VERIFICATION_DISABLED, SECRETS_WORLD_READABLE);

    @Override
    public Category category() {
        return SECURITY;
    }

    @Override
    public List<String> ruleIds() {
        return RULES.stream().map(Rule::id).toList();
    }

    @Override
    public boolean applies(ReadinessInput input) {
        return input.producer() != null || input.consumer() != null;
    }

    @Override
    public List<Finding> check(ReadinessInput input) {
        List<Finding> found = new ArrayList<>();
        if (input.producer() != null) {
            check(ClientSettings.producer(input.producer()), "producer", input.environment(), found);
        }
        if (input.consumer() != null) {
            check(ClientSettings.consumer(input.consumer()), "consumer", input.environment(), found);
        }
        return found;
    }

    private static void check(ClientSettings s, String client, Environment env, List<Finding> found) {
        String protocol = s.string("security.protocol").toUpperCase(Locale.ROOT);
        if (protocol.equals("PLAINTEXT") || protocol.equals("SASL_PLAINTEXT")) {
            found.add(PLAINTEXT.finding(
                    env,
                    "The " + client + " connects with " + protocol + ": no encryption"
                            + (protocol.equals("PLAINTEXT") ? " and no authentication" : ""),
                    List.of(s.evidence("security.protocol")),
                    "security.protocol=SASL_SSL"));
        }
        if (protocol.endsWith("SSL")
                && s.string("ssl.endpoint.identification.algorithm").isBlank()) {
            found.add(HOSTNAME_VERIFICATION_DISABLED.finding(
                    env,
                    "The " + client + " does not verify the broker's host name",
                    List.of(s.evidence("ssl.endpoint.identification.algorithm"), s.evidence("security.protocol")),
                    "ssl.endpoint.identification.algorithm=https"));
        }
        List<Evidence> secrets = new ArrayList<>();
        s.file().entries().values().stream()
                .filter(e -> ClientSettings.SECRET.matcher(e.key()).matches()
                        && !e.value().isEmpty())
                .forEach(e -> secrets.add(
                        new Evidence(e.key() + "=[redacted]", s.file().where(e.key()))));
        if (secrets.isEmpty()) {
            return;
        }
        Path file = s.file().source();
        Set<PosixFilePermission> permissions = permissions(file);
        if (permissions != null && permissions.contains(PosixFilePermission.OTHERS_READ)) {
            secrets.add(0, new Evidence("mode " + PosixFilePermissions.toString(permissions), file.toString()));
            found.add(SECRETS_WORLD_READABLE.finding(
                    env,
                    "The " + client + "'s secrets are readable by every user: " + file.getFileName(),
                    secrets,
                    "chmod 600 " + file));
        }
    }

    /** The file's POSIX permissions, or null where the file system has none or the file is gone. */
    private static Set<PosixFilePermission> permissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }
}
