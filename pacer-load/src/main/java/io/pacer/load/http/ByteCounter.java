package io.pacer.load.http;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Reads a response body to its end, counting its bytes and keeping none of them: a load test needs the size, not
 * the content, and must not hold a thousand bodies in memory.
 */
final class ByteCounter implements Flow.Subscriber<List<ByteBuffer>> {

    /** A body handler whose result is the body's length in bytes. */
    static final HttpResponse.BodyHandler<Long> HANDLER =
            info -> BodySubscribers.fromSubscriber(new ByteCounter(), ByteCounter::count);

    /** Written by one signal at a time; reactive-streams signals are ordered by happens-before. */
    private long count;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            count += buffer.remaining();
        }
    }

    @Override
    public void onError(Throwable failure) {
        // the client completes the response exceptionally with the same failure
    }

    @Override
    public void onComplete() {
        // the count is final; fromSubscriber's finisher reads it
    }

    long count() {
        return count;
    }
}
