package io.pacer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.server.SecurityConfig;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void aPasswordHashIsSaltedSlowAndVerifiesOnlyItsPassword() {
        String hash = Credentials.hashPassword("correct horse battery staple");
        String again = Credentials.hashPassword("correct horse battery staple");
        assertThat(hash).startsWith("pbkdf2-sha256$600000$").doesNotContain("correct");
        assertThat(again).as("a salt of its own").isNotEqualTo(hash);
        assertThat(Credentials.verifyPassword("correct horse battery staple", hash))
                .isTrue();
        assertThat(Credentials.verifyPassword("correct horse battery stapl", hash))
                .isFalse();
        assertThat(Credentials.verifyPassword("", hash)).isFalse();
        assertThat(Credentials.verifyPassword("anything", null))
                .as("no such user")
                .isFalse();
        assertThat(Credentials.verifyPassword("anything", "md5$whatever")).isFalse();
    }

    @Test
    void keysAre256RandomBitsWithARecognisablePrefix() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String key = Credentials.newApiKey();
            assertThat(key).matches(SecurityConfig.API_KEY);
            assertThat(Credentials.keyId(key)).hasSize(14).startsWith("pacer_");
            keys.add(key);
        }
        assertThat(keys).hasSize(1_000);
        assertThat(Credentials.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void comparisonsAreExactAndNullSafe() {
        assertThat(Credentials.same("a", "a")).isTrue();
        assertThat(Credentials.same("a", "b")).isFalse();
        assertThat(Credentials.same("a", "ab")).isFalse();
        assertThat(Credentials.same(null, "a")).isFalse();
        assertThat(Credentials.same(null, null)).isFalse();
    }

    @Test
    void loopbackIsDecidedWithoutDns() {
        for (String h : new String[] {
            "127.0.0.1", "localhost", "LOCALHOST:8420", "[::1]:8420", "::1", "127.1.2.3", "app.localhost"
        }) {
            assertThat(Loopback.isLoopback(h)).as(h).isTrue();
        }
        for (String h : new String[] {
            "0.0.0.0", "::", "10.0.0.1", "127.0.0.1.evil.example", "localhost.evil.example", "", "1270.0.0.1"
        }) {
            assertThat(Loopback.isLoopback(h)).as(h).isFalse();
        }
    }
}
