package io.pacer.cli;

import io.pacer.load.LoadRun;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a run: the first stops the run cleanly — it stops issuing, drains what is
 * outstanding and the command still prints and writes its partial result; a second one exits at once (130).
 *
 * <p>A signal handler rather than a shutdown hook, because a hook runs while the JVM is already exiting and the
 * partial report would race the exit.
 */
final class StopOnSignal implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final SignalHandler[] previous = new SignalHandler[SIGNALS.length];

    private StopOnSignal(Runnable stop, String what, PrintWriter err) {
        AtomicBoolean stopping = new AtomicBoolean();
        SignalHandler handler = signal -> {
            if (stopping.compareAndSet(false, true)) {
                err.println();
                err.println("pacer: stopping (SIG" + signal.getName() + "): " + what
                        + "; press Ctrl-C again to quit at once");
                err.flush();
                stop.run();
            } else {
                Runtime.getRuntime().halt(130);
            }
        };
        for (int i = 0; i < SIGNALS.length; i++) {
            try {
                previous[i] = Signal.handle(new Signal(SIGNALS[i]), handler);
            } catch (IllegalArgumentException unsupported) {
                previous[i] = null; // the platform or the JVM (-Xrs) does not let us handle it: default behaviour
            }
        }
    }

    static StopOnSignal install(LoadRun run, PrintWriter err) {
        return new StopOnSignal(run::stop, "draining outstanding operations", err);
    }

    /** For any run: {@code stop} is called once, from the signal's thread; {@code what} says what stopping does. */
    static StopOnSignal install(Runnable stop, String what, PrintWriter err) {
        return new StopOnSignal(stop, what, err);
    }

    @Override
    public void close() {
        for (int i = 0; i < SIGNALS.length; i++) {
            if (previous[i] != null) {
                Signal.handle(new Signal(SIGNALS[i]), previous[i]);
            }
        }
    }
}
