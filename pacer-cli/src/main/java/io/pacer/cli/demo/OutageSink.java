package io.pacer.cli.demo;

import io.pacer.sink.BatchResult;
import io.pacer.sink.BatchSink;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The demo's fault injector in front of the real Kafka sink: while {@link #down} is set, every delivery fails as a
 * whole with a retriable error, as an unreachable broker would, without stopping the broker the consumer reads from.
 */
final class OutageSink<T> implements BatchSink<T> {
    private final BatchSink<T> real;
    private volatile boolean down;

    OutageSink(BatchSink<T> real) {
        this.real = real;
    }

    void down(boolean value) {
        down = value;
    }

    @Override
    public CompletionStage<BatchResult> deliver(List<T> batch) {
        if (down) {
            return CompletableFuture.failedFuture(new IOException("sink outage (injected by pacer demo)"));
        }
        return real.deliver(batch);
    }

    @Override
    public boolean isRetriable(Throwable failure) {
        return failure instanceof IOException || real.isRetriable(failure);
    }

    @Override
    public int defaultMaxInFlight() {
        return real.defaultMaxInFlight();
    }

    @Override
    public void close() throws Exception {
        real.close();
    }
}
