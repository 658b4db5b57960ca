package io.pacer.cache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;

/**
 * The invalidation broadcast between instances of one cache: a Redis pub/sub channel per cache. A message is
 * {@code <sender instance id>\n*} (everything) or {@code <sender instance id>\nk<key>}; an instance ignores its
 * own messages, having already applied them.
 *
 * <p>Notes: Lettuce reconnects the subscription after Redis comes back and subscribes again. Broadcasts sent
 * meanwhile are lost, so on every re-subscription the instance drops its whole L1 (see {@link Receiver}); without
 * that a missed broadcast would still be bounded by the L1 TTL. Messages arrive on Lettuce's I/O thread.
 */
final class Invalidations implements AutoCloseable {
    private static final char SEPARATOR = '\n';
    private static final char ALL = '*';
    private static final char KEY = 'k';

    private final StatefulRedisPubSubConnection<String, String> connection;
    private final String channel;
    private final String instanceId;

    /** What an instance does with what others broadcast; called on Lettuce's I/O thread, so it must be quick. */
    interface Receiver {
        /** Another instance invalidated (or replaced) the key with this key string. */
        void invalidated(String key);

        /** Another instance invalidated everything. */
        void invalidatedAll();

        /** The subscription was lost and is back: broadcasts may have been missed. */
        void resubscribed();
    }

    /** Subscribes now. */
    Invalidations(RedisClient client, String channel, String instanceId, Receiver receiver) {
        this.channel = channel;
        this.instanceId = instanceId;
        this.connection = client.connectPubSub(StringCodec.UTF8);
        connection.addListener(new RedisPubSubAdapter<>() {
            private boolean subscribedBefore;

            @Override
            public void message(String from, String message) {
                int split = message.indexOf(SEPARATOR);
                boolean own = split == instanceId.length() && message.startsWith(instanceId);
                if (split < 0 || split + 1 >= message.length() || own) {
                    return; // malformed, or already applied by this instance
                }
                if (message.charAt(split + 1) == ALL) {
                    receiver.invalidatedAll();
                } else if (message.charAt(split + 1) == KEY) {
                    receiver.invalidated(message.substring(split + 2));
                }
            }

            @Override
            public void subscribed(String subscribedChannel, long count) {
                if (subscribedBefore) {
                    receiver.resubscribed();
                }
                subscribedBefore = true;
            }
        });
        try {
            connection.sync().subscribe(channel);
        } catch (RuntimeException failure) {
            connection.close();
            throw failure;
        }
    }

    String channel() {
        return channel;
    }

    byte[] keyMessage(String key) {
        return (instanceId + SEPARATOR + KEY + key).getBytes(StandardCharsets.UTF_8);
    }

    byte[] allMessage() {
        return (instanceId + SEPARATOR + ALL).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connection.close();
    }
}
