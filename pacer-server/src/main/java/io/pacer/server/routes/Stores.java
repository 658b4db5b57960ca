package io.pacer.server.routes;

import io.pacer.server.http.ApiException;
import java.util.function.Supplier;

/** Store reads as the API answers them: a database that cannot be reached is a 503 problem the client may retry. */
final class Stores {

    private Stores() {}

    static <T> T read(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalStateException e) {
            throw ApiException.unavailable("the store cannot be read now: " + e.getMessage());
        }
    }
}
