package io.pacer.load.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.load.Driver;
import io.pacer.load.LoadSetupException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No broker at all: every driver's {@code open()} gives up after the bounded wait with a one-line message. */
class UnreachableKafkaTest {

    @Test
    void everyDriverGivesUpAfterTheBoundedWaitWithAOneLineMessage() throws Exception {
        String bootstrap = "127.0.0.1:" + freePort();
        List<Driver> drivers = List.of(
                KafkaDrivers.produce(KafkaProduceSettings.of(bootstrap, "orders")),
                KafkaDrivers.consume(KafkaConsumeSettings.group(bootstrap, "orders", "g")),
                KafkaDrivers.stream(StreamSettings.of(bootstrap, "in", "out", Processor.passThrough())));
        String expected =
                "cannot reach Kafka at " + bootstrap + " within 10s: check --bootstrap and that the broker is up";
        // The three wait in parallel; each must give up after its 10 s bound, well before the 60 s of this test.
        long begin = System.nanoTime();
        List<CompletableFuture<Throwable>> failures = drivers.stream()
                .map(driver -> CompletableFuture.supplyAsync(() -> {
                    try (driver) {
                        driver.open();
                        return (Throwable) null;
                    } catch (Throwable e) {
                        return e;
                    }
                }))
                .toList();
        for (CompletableFuture<Throwable> failure : failures) {
            assertThat(failure.get(CallRunner.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(LoadSetupException.class)
                    .hasMessage(expected);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(KafkaDrivers.SETUP_TIMEOUT);
    }

    @Test
    void anInvalidBootstrapIsAOneLineSetupError() {
        assertThatThrownBy(() -> KafkaDrivers.produce(KafkaProduceSettings.of("no-port-here", "orders"))
                        .open())
                .isInstanceOf(LoadSetupException.class)
                .hasMessage("cannot use Kafka bootstrap servers 'no-port-here': Invalid url in bootstrap.servers:"
                        + " no-port-here: check --bootstrap (host:port[,host:port...])");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again: nothing listens there
        }
    }
}
