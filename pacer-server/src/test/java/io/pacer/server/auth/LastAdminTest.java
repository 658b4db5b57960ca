package io.pacer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.Role;
import io.pacer.server.http.ApiException;
import io.pacer.server.state.ServerDatabase;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two admins removing each other at the same moment, on PostgreSQL (where each statement sees its own snapshot):
 * one succeeds, the other is refused as the last admin, and an admin is always left — round after round.
 */
@ExtendWith(PostgresExtension.class)
class LastAdminTest {

    private static final int ROUNDS = 15;

    @Test
    void twoAdminsDemotingOrDeletingEachOtherAtOnceAlwaysLeaveOne(PostgresServer postgres) throws Exception {
        StoreConfig store = StoreConfig.postgres(postgres.newDatabase(), postgres.user(), postgres.password());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (ServerDatabase db = ServerDatabase.open(store)) {
            Accounts accounts = new Accounts(db);
            Instant now = Instant.parse("2026-11-29T10:00:00Z");
            for (int round = 0; round < ROUNDS; round++) {
                String a = "a" + round;
                String b = "b" + round;
                accounts.createUser(a, Role.ADMIN, null, now);
                accounts.createUser(b, Role.ADMIN, null, now);
                for (Accounts.UserView u : accounts.users()) {
                    if (u.role().equals("admin")
                            && !u.name().equals(a)
                            && !u.name().equals(b)) {
                        accounts.deleteUser(u.name());
                    }
                }
                Consumer<String> remove =
                        round % 2 == 0 ? name -> accounts.updateUser(name, Role.VIEWER, null) : accounts::deleteUser;
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (String name : List.of(a, b)) {
                    outcomes.add(threads.submit(() -> {
                        together.await();
                        try {
                            remove.accept(name);
                            return true;
                        } catch (ApiException e) {
                            assertThat(e.getMessage()).contains("last admin");
                            return false;
                        }
                    }));
                }
                int done = 0;
                for (Future<Boolean> f : outcomes) {
                    done += f.get() ? 1 : 0;
                }
                long admins = accounts.users().stream()
                        .filter(u -> u.role().equals("admin"))
                        .count();
                assertThat(admins).as("round %d: an admin is left", round).isEqualTo(1);
                assertThat(done).as("round %d: one removal went through", round).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
