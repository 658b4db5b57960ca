package io.pacer.monitor.store;

import io.pacer.testing.PostgresServer;
import java.nio.file.Path;

/** The engines the store runs on in tests: SQLite, the newest PostgreSQL the tests start, and Debian's 15. */
enum StoreEngine {
    SQLITE,
    POSTGRES_NEWEST,
    POSTGRES_15;

    /** A fresh, empty store's configuration: a new file or a new database. */
    StoreConfig config(Path dir) {
        switch (this) {
            case SQLITE:
                return StoreConfig.sqlite(dir);
            case POSTGRES_NEWEST:
                return postgres(PostgresServer.shared(PostgresServer.Flavour.EMBEDDED));
            default:
                return postgres(PostgresServer.shared(PostgresServer.Flavour.DEBIAN_15));
        }
    }

    private static StoreConfig postgres(PostgresServer server) {
        return StoreConfig.postgres(server.newDatabase(), server.user(), server.password());
    }
}
