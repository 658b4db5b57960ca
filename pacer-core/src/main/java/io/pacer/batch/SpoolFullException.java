package io.pacer.batch;

import java.io.IOException;

/** The disk spool reached its size bound; the message says the bound and how to raise it. */
public final class SpoolFullException extends IOException {
    public SpoolFullException(String message) {
        super(message);
    }
}
