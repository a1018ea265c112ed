package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.NoPassword;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL goes away in the middle of a run (a server of this test's own, never the shared one): the run
 * fails as a connection problem, and the server, started again on its data, holds no half-applied migration.
 */
class ServerLossTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    @Test
    void shouldReportAServerStoppedMidRunAsAConnectionFailureAndLeaveNothingHalfApplied() throws Exception {
        Path dir = Fixtures.copy("slow-second", tmp);
        Path data = tmp.resolve("pgdata");
        EmbeddedPostgres server = PostgresExtension.startSeparate(data);
        TestDatabase db;
        CompletableFuture<MigrationResult> upgrade;
        try {
            db = PostgresExtension.createDatabase(server);
            upgrade = CompletableFuture.supplyAsync(() -> engine.run(Requests.of(db, Action.UPGRADE, "", dir)));
            db.awaitRunning("pg_sleep", OffsetDateTime.MIN, Duration.ofSeconds(30));
        } finally {
            server.close(); // pg_ctl stop: the server ends every session, the one inside V2 included
        }

        MigrationResult result = upgrade.get(60, TimeUnit.SECONDS);

        NoPassword.in(result);
        assertThat(result.success()).isFalse();
        assertThat(result.error()).as(result.message()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(result.message()).isEqualTo("Cannot connect to database at localhost:" + db.port() + "/" + db.name()
                + ": the server ended the session during the run (it was stopped or restarted, or the session was"
                + " terminated). Check --url (or DATABASE_URL).");

        EmbeddedPostgres restarted = PostgresExtension.restart(data);
        try {
            TestDatabase again = db.on(restarted);
            assertThat(again.historyVersions()).containsExactly("1");
            assertThat(again.historyRows()).noneMatch(row -> row.endsWith("success=f"));
            assertThat(again.tables()).doesNotContain("orders");
            assertThat(again.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"))
                    .containsExactlyInAnyOrder("id", "email");

            MigrationResult rerun = engine.run(Requests.of(again, Action.UPGRADE, "", dir));

            NoPassword.in(rerun);
            assertThat(rerun.success()).as(rerun.message()).isTrue();
            assertThat(rerun.message()).isEqualTo("Upgraded from revision 1 to 3: applied 2 migration(s).");
            assertThat(again.historyVersions()).containsExactly("1", "2", "3");
        } finally {
            restarted.close();
        }
    }
}
