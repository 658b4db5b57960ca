package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.Sample;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Series;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteGroup;
import io.pacer.testing.Await;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A stop lets the request in flight finish, accepts no new connection meanwhile, and writes buffered samples. */
@Timeout(120)
class GracefulShutdownTest {

    @Test
    void closeWaitsForTheInFlightRequestRefusesNewOnesAndWritesWhatTheStoreBuffered(@TempDir Path dir)
            throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<ServerParts, RouteGroup> slow = parts -> api -> api.get(
                "/test/slow",
                Role.PUBLIC,
                RouteDoc.of("test", "A request that takes as long as the test says", "200"),
                ctx -> {
                    entered.countDown();
                    release.await(60, TimeUnit.SECONDS);
                    ctx.result("finished");
                });
        // samples stay in the buffer until the stop writes them: no batch fills, no flush interval passes
        StoreConfig store = StoreConfig.sqlite(dir).withFlushInterval(Duration.ofHours(1));
        ServerConfig config = ServerConfig.forTests(dir).withStore(store).withShutdownTimeout(Duration.ofSeconds(60));
        PacerServer server = PacerServer.start(config, Clock.systemUTC(), List.of(slow));
        int port = server.port();
        Instant at = Instant.now();
        server.parts().store().write(List.of(Sample.of("test.buffered", Map.of("k", "v"), at, 42)));
        assertThat(server.parts().store().buffered()).isPositive();

        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(URI.create(server.uri() + "/test/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(30, TimeUnit.SECONDS))
                .as("the slow request is being served")
                .isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

        Await.until(Duration.ofSeconds(30), "new connections refused while stopping", () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return false;
            } catch (ConnectException refused) {
                return true;
            }
        });
        assertThat(closing).as("the stop waits for the request in flight").isNotDone();
        release.countDown();

        HttpResponse<String> finished = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).isEqualTo("finished");
        closing.get(60, TimeUnit.SECONDS);
        try (MetricStore reopened = MetricStore.openForReading(store)) {
            List<Series> written = reopened.query(Query.of("test.buffered", at.minusSeconds(60), at.plusSeconds(60)));
            assertThat(written)
                    .singleElement()
                    .satisfies(s -> assertThat(s.points())
                            .singleElement()
                            .satisfies(p -> assertThat(p.last()).isEqualTo(42.0)));
        }
    }
}
