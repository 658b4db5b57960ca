package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Bad usage of {@code pacer demo} is one line and exit 2, before anything starts. */
class DemoCliTest {

    @Test
    void aSpeedOutOfRangeIsOneLineAndExit2() {
        Cli cli = Cli.run("demo", "--speed", "0.5");
        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err().strip()).isEqualTo("pacer: --speed must be between 1 and 8, but was 0.5");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aPortInUseIsOneLineAndExit2BeforeTheBrokerStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Cli cli = Cli.run("demo", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(cli.err().strip().lines().toList())
                    .singleElement()
                    .asString()
                    .startsWith("pacer: --port " + taken.getLocalPort() + " is in use on 127.0.0.1")
                    .endsWith("choose another port, e.g. --port 8421");
            assertThat(cli.out()).isEmpty();
        }
    }
}
