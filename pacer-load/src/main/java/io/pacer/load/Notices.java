package io.pacer.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The run's notices, and the one way the engine calls its {@link RunListener}: serialised, and shielded so a
 * failing listener cannot break the run (its first failure becomes a notice).
 */
final class Notices {
    private final RunListener listener;
    private final List<String> messages = new ArrayList<>();
    private boolean listenerFailed;

    Notices(RunListener listener) {
        this.listener = listener;
    }

    synchronized void add(String message) {
        messages.add(message);
        call(() -> listener.onNotice(message));
    }

    synchronized void call(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                add("listener failed, its later failures are ignored: " + e);
            }
        }
    }

    synchronized List<String> list() {
        return List.copyOf(messages);
    }
}
