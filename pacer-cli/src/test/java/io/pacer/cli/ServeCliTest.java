package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacer serve}'s bad usage: one line naming the source of the bad value, exit 2, nothing started. */
class ServeCliTest {

    @Test
    void aBadFlagIsOneLineAndExit2() {
        Cli cli = Cli.run("serve", "--port", "eighty");

        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err().strip()).isEqualTo("pacer: --port must be a port from 0 to 65535, but was 'eighty'");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aBadConfigFileNamesFileLineAndKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pacer.yaml"), "server:\n  prot: 8420\n");

        Cli cli = Cli.run("serve", "--config", file.toString());

        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err().lines().count()).isEqualTo(1);
        assertThat(cli.err())
                .startsWith("pacer: " + file + ":2:3: server.prot: unknown field 'prot'; known: host, port,")
                .doesNotContain("\tat ");
        Cli missing = Cli.run("serve", "--config", dir.resolve("none.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("none.yaml: no such file (--config)");
    }

    @Test
    void aPortInUseIsOneLineAndExit2(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli cli = Cli.run(
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(taken.getLocalPort()),
                    "--data-dir",
                    dir.toString());

            assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(cli.err().strip().lines().toList())
                    .singleElement()
                    .asString()
                    .startsWith("pacer: could not serve on 127.0.0.1:" + taken.getLocalPort());

            for (String host : List.of("nohost.invalid", "192.0.2.1")) {
                Cli wrong = Cli.run("serve", "--host", host, "--port", "0", "--data-dir", dir.toString());
                assertThat(wrong.exitCode()).isEqualTo(ExitCode.USAGE);
                assertThat(wrong.err().strip().lines().toList())
                        .as("the host is named, not the port")
                        .singleElement()
                        .asString()
                        .startsWith("pacer: --host " + host)
                        .doesNotContain("Port");
            }
        } finally {
            io.pacer.server.ServerLogging.useDefault();
        }
    }
}
