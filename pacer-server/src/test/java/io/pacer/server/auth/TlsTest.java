package io.pacer.server.auth;

import static io.pacer.server.auth.TestServer.ADMIN_KEY;
import static io.pacer.server.auth.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.server.PacerServer;
import io.pacer.server.SecurityConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from a keystore made by the JDK's keytool at test time: HSTS, and the session cookie only over TLS. */
class TlsTest {

    private static final String PASSWORD = "test-keystore-password";

    @Test
    void servesHttpsWithHstsAndASecureHostOnlyCookie(@TempDir Path dir) throws Exception {
        Path keystore = keystore(dir);
        SecurityConfig security = SecurityConfig.DEFAULTS.withAdminKey(ADMIN_KEY);
        HttpClient client =
                HttpClient.newBuilder().sslContext(trusting(keystore)).build();
        try (TestServer service =
                TestServer.start(TestServer.config(dir, security).withTls(keystore, PASSWORD), client)) {
            assertThat(service.server.uri().getScheme()).isEqualTo("https");
            HttpResponse<String> me = expect(200, service.send("GET", "/api/session", ADMIN_KEY, null));
            assertThat(me.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");

            HttpResponse<String> signIn =
                    expect(200, service.send("POST", "/api/session", null, "{\"key\":\"" + ADMIN_KEY + "\"}"));
            String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie)
                    .startsWith("__Host-pacer_session=")
                    .contains("; Secure")
                    .contains("; HttpOnly")
                    .contains("; SameSite=Strict")
                    .contains("; Path=/")
                    .doesNotContain("Domain");
            expect(
                    200,
                    service.send(HttpRequest.newBuilder(service.uri("/api/session"))
                            .header("Cookie", cookie.split(";")[0])));

            RawHttp.Answer plain =
                    RawHttp.send(service.server.port(), "GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(plain.status())
                    .as("plain HTTP on the TLS port: " + plain.raw())
                    .isNotEqualTo(200);
            assertThat(plain.raw()).doesNotContain("\"role\"");
        }
    }

    @Test
    void aWrongKeystorePasswordFailsTheStartNamingTheKeystore(@TempDir Path dir) throws Exception {
        Path keystore = keystore(dir);
        SecurityConfig wrong = SecurityConfig.DEFAULTS.withAdminKey(ADMIN_KEY);
        assertThatThrownBy(() -> PacerServer.start(TestServer.config(dir, wrong).withTls(keystore, "not-the-password"))
                        .close())
                .hasStackTraceContaining("tlsKeystore")
                .hasStackTraceContaining("wrong password");
    }

    /** A PKCS12 keystore with a self-signed EC certificate for localhost and 127.0.0.1, made by keytool. */
    static Path keystore(Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "pacer",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        file.toString(),
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD,
                        "-noprompt")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as("keytool: " + output).isZero();
        return file;
    }

    /** A client that trusts the certificate in {@code keystore} (and nothing else). */
    static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance(keystore.toFile(), PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}
