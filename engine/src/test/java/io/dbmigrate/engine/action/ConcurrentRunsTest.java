package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.NoPassword;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several db-migrate runs against one database at the same time, in-process (each run has its own connections,
 * as separate processes would). The run lock serializes them: every migration is applied once, and an upgrade
 * and a downgrade never interleave. The migrations sleep in V2 and U2, so the runs really overlap.
 */
@ExtendWith(PostgresExtension.class)
class ConcurrentRunsTest {
    private static final int RUNNERS = 4;
    private static final String ALREADY_AT_HEAD = "Already at revision 3: nothing to apply.";

    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private static MigrationRequest upgrade(TestDatabase db, Path dir, String actor, int lockTimeout) {
        return Requests.on(db, Action.UPGRADE, dir).revision("head").actor(actor).lockTimeoutSeconds(lockTimeout)
                .build();
    }

    private MigrationResult run(MigrationRequest request) {
        MigrationResult result = engine.run(request);
        NoPassword.in(result);
        return result;
    }

    /** Starts all requests at the same moment, each on its own thread; the results in request order. */
    private List<MigrationResult> runTogether(List<MigrationRequest> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        CyclicBarrier start = new CyclicBarrier(requests.size());
        try {
            List<Future<MigrationResult>> futures = new ArrayList<>();
            for (MigrationRequest request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return run(request);
                }));
            }
            List<MigrationResult> results = new ArrayList<>();
            for (Future<MigrationResult> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private CompletableFuture<MigrationResult> runInBackground(MigrationRequest request) {
        return CompletableFuture.supplyAsync(() -> run(request));
    }

    private static void assertEachVersionAppliedOnce(TestDatabase db) throws Exception {
        assertThat(db.column("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL GROUP BY version"
                + " HAVING count(*) > 1")).as("versions applied twice").isEmpty();
        assertThat(db.historyRows()).noneMatch(row -> row.endsWith("success=f"));
    }

    /** Audit rows, oldest first: which run went from where to where. */
    private static List<String> audit(TestDatabase db) throws Exception {
        return db.column("SELECT action || ' ' || from_revision || ' -> ' || to_revision || ' by ' || actor"
                + " FROM db_migrate_audit ORDER BY id");
    }

    @Test
    void shouldApplyEachMigrationOnceWhenFourRunnersUpgradeAtOnceAndTellTheOthersTheyAreAtHead(TestDatabase db)
            throws Exception {
        Path dir = Fixtures.copy("slow-second", tmp);

        List<MigrationResult> results = runTogether(IntStream.rangeClosed(1, RUNNERS)
                .mapToObj(i -> upgrade(db, dir, "runner-" + i, 60)).toList());

        assertThat(results).allSatisfy(r -> assertThat(r.success()).as(r.message()).isTrue());
        assertThat(results).filteredOn(r -> !r.migrations().isEmpty()).singleElement()
                .satisfies(winner -> assertThat(winner.message())
                        .isEqualTo("Upgraded from revision base to 3: applied 3 migration(s)."));
        assertThat(results).filteredOn(r -> r.migrations().isEmpty()).hasSize(RUNNERS - 1)
                .allSatisfy(other -> {
                    assertThat(other.message()).isEqualTo(ALREADY_AT_HEAD);
                    assertThat(other.currentRevision()).isEqualTo("3");
                });
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
        assertEachVersionAppliedOnce(db);
        assertThat(audit(db)).singleElement().asString().startsWith("upgrade base -> 3 by runner-");
    }

    @Test
    void shouldNameTheRunnerHoldingTheLockWhenTheOthersGiveUpAfterAShortTimeout(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("slow-second", tmp);

        List<MigrationResult> results = runTogether(IntStream.rangeClosed(1, RUNNERS)
                .mapToObj(i -> upgrade(db, dir, "runner-" + i, 1)).toList());

        List<Integer> winners = IntStream.range(0, RUNNERS).filter(i -> results.get(i).success()).boxed().toList();
        assertThat(winners).as("runs that got the lock").hasSize(1);
        MigrationResult winner = results.get(winners.get(0));
        assertThat(winner.message()).isEqualTo("Upgraded from revision base to 3: applied 3 migration(s).");
        String holder = "db-migrate upgrade by runner-" + (winners.get(0) + 1);
        assertThat(results).filteredOn(r -> !r.success()).hasSize(RUNNERS - 1).allSatisfy(locked -> {
            assertThat(locked.error()).isEqualTo(ErrorKind.LOCKED);
            assertThat(locked.message()).matches("Another migration is running: \\Q" + holder + "\\E \\(pid \\d+, user "
                    + PostgresExtension.USER + "\\) has held the lock since \\d{4}-\\d\\d-\\d\\dT\\S+\\. Waited 1 s;"
                    + " try again later or raise --lock-timeout\\.");
            assertThat(locked.migrations()).isEmpty();
        });
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
        assertEachVersionAppliedOnce(db);
    }

    @Test
    void shouldMakeADowngradeStartedDuringAnUpgradeWaitAndThenUndoAllOfIt(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("slow-second", tmp);
        assertThat(run(Requests.of(db, Action.UPGRADE, "1", dir)).success()).isTrue();
        List<String> atBase = List.of();

        CompletableFuture<MigrationResult> up = runInBackground(upgrade(db, dir, "upgrader", 60));
        db.awaitRunning("pg_sleep", OffsetDateTime.MIN, Duration.ofSeconds(30)); // inside V2
        CompletableFuture<MigrationResult> down = runInBackground(Requests.on(db, Action.DOWNGRADE, dir)
                .revision("base").actor("downgrader").lockTimeoutSeconds(60).build());

        MigrationResult upResult = up.get(60, TimeUnit.SECONDS);
        MigrationResult downResult = down.get(60, TimeUnit.SECONDS);
        assertThat(upResult.message()).isEqualTo("Upgraded from revision 1 to 3: applied 2 migration(s).");
        assertThat(downResult.message()).isEqualTo("Downgraded from revision 3 to base: undid 3 migration(s).");
        assertThat(db.historyVersions()).isEmpty();
        assertThat(db.fingerprint()).isEqualTo(atBase);
        assertThat(audit(db)).containsExactly("upgrade base -> 1 by test", "upgrade 1 -> 3 by upgrader",
                "downgrade 3 -> base by downgrader");
    }

    @Test
    void shouldMakeAnUpgradeStartedDuringADowngradeWaitAndThenApplyAllOfIt(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("slow-second", tmp);
        assertThat(run(Requests.of(db, Action.UPGRADE, "head", dir)).success()).isTrue();
        List<String> atHead = db.fingerprint();

        CompletableFuture<MigrationResult> down = runInBackground(Requests.on(db, Action.DOWNGRADE, dir)
                .revision("base").actor("downgrader").lockTimeoutSeconds(60).build());
        db.awaitRunning("pg_sleep", OffsetDateTime.MIN, Duration.ofSeconds(30)); // inside U2, U3 already undone
        CompletableFuture<MigrationResult> up = runInBackground(upgrade(db, dir, "upgrader", 60));

        MigrationResult downResult = down.get(60, TimeUnit.SECONDS);
        MigrationResult upResult = up.get(60, TimeUnit.SECONDS);
        assertThat(downResult.message()).isEqualTo("Downgraded from revision 3 to base: undid 3 migration(s).");
        assertThat(upResult.message()).isEqualTo("Upgraded from revision base to 3: applied 3 migration(s).");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
        assertEachVersionAppliedOnce(db);
        assertThat(db.fingerprint()).isEqualTo(atHead);
        assertThat(audit(db)).containsExactly("upgrade base -> 3 by test", "downgrade 3 -> base by downgrader",
                "upgrade base -> 3 by upgrader");
    }
}
