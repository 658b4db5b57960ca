package io.pacer.server.backup;

import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.PostgresServer;
import java.nio.file.Path;

/** A store to test with: SQLite in a directory of its own, or a fresh database on the shared PostgreSQL. */
enum StoreKind {
    SQLITE,
    POSTGRES;

    StoreConfig fresh(Path dir, String name) {
        if (this == SQLITE) {
            return StoreConfig.sqlite(dir.resolve(name));
        }
        PostgresServer postgres = PostgresServer.shared(PostgresServer.Flavour.EMBEDDED);
        return StoreConfig.postgres(postgres.newDatabase(), postgres.user(), postgres.password());
    }
}
