package io.pacer.server.auth;

import io.javalin.config.JettyConfig;
import io.pacer.server.ServerConfig;
import java.security.KeyStore;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS from a keystore (PKCS12 or JKS, as {@code keytool} or {@code openssl pkcs12} make them): the server then listens
 * for HTTPS only, on the configured host and port — there is no plain-HTTP port beside it to forget about.
 */
final class Tls {

    private Tls() {}

    /**
     * Replaces Javalin's plain connector with an HTTPS one.
     *
     * @throws IllegalArgumentException when the keystore cannot be opened with its password or holds no key
     */
    static void install(JettyConfig jetty, ServerConfig config) {
        ServerConfig security = config;
        String secret = config.tlsKeystorePassword() == null ? "" : config.tlsKeystorePassword();
        char[] password = secret.toCharArray();
        try {
            KeyStore store = KeyStore.getInstance(security.tlsKeystore().toFile(), password);
            boolean hasKey = false;
            for (String alias : java.util.Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException("tlsKeystore " + security.tlsKeystore()
                        + " holds no private key; it needs the server's certificate with its key");
            }
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "tlsKeystore " + security.tlsKeystore() + " could not be opened (wrong password, or not a PKCS12"
                            + " or JKS keystore): " + e.getMessage(),
                    e);
        }
        jetty.addConnector((server, httpConfig) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(security.tlsKeystore().toAbsolutePath().toString());
            ssl.setKeyStorePassword(secret);
            HttpConfiguration https = new HttpConfiguration(httpConfig);
            https.addCustomizer(new SecureRequestCustomizer());
            ServerConnector connector = new ServerConnector(
                    server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
            connector.setHost(config.host());
            connector.setPort(config.port());
            return connector;
        });
    }
}
