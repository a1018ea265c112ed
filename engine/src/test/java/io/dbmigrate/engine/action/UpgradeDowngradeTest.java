package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("matrix")
@ExtendWith(PostgresExtension.class)
class UpgradeDowngradeTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private MigrationResult run(TestDatabase db, Action action, String revision, Path dir) {
        return engine.run(Requests.of(db, action, revision, dir));
    }

    @Test
    void shouldUpgradeToHeadAndReportWhatRan(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = run(db, Action.UPGRADE, "", dir);

        assertThat(result.success()).isTrue();
        assertThat(result.message()).isEqualTo("Upgraded from revision base to 3: applied 3 migration(s).");
        assertThat(result.currentRevision()).isEqualTo("3");
        assertThat(result.previousRevision()).isEqualTo("base");
        assertThat(result.target()).isEqualTo("3");
        assertThat(result.migrations()).extracting(MigrationStep::version).containsExactly("1", "2", "3");
        assertThat(result.migrations()).extracting(step -> step.state().label()).containsOnly("APPLIED");
        assertThat(db.tables()).contains("users", "tasks");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldSayAlreadyAtRevisionAndApplyNothing(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.UPGRADE, "", dir);

        MigrationResult again = run(db, Action.UPGRADE, "head", dir);

        assertThat(again.success()).isTrue();
        assertThat(again.message()).isEqualTo("Already at revision 3: nothing to apply.");
        assertThat(again.migrations()).isEmpty();
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldDowngradeOneStepByDefault(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.UPGRADE, "", dir);

        MigrationResult result = run(db, Action.DOWNGRADE, "", dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Downgraded from revision 3 to 2: undid 1 migration(s).");
        assertThat(result.currentRevision()).isEqualTo("2");
        assertThat(result.previousRevision()).isEqualTo("3");
        assertThat(result.migrations()).extracting(MigrationStep::script).containsExactly("U3__add_priority.sql");
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'tasks'"))
                .doesNotContain("priority");
        assertThat(db.historyVersions()).containsExactly("1", "2");
    }

    @Test
    void shouldRoundTripToTheSameSchemaAndKeepUntouchedData(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.UPGRADE, "1", dir);
        db.execute("INSERT INTO users (email) VALUES ('a@example.com'), ('b@example.com')");
        run(db, Action.UPGRADE, "head", dir);
        List<String> atHead = db.fingerprint();

        MigrationResult down = run(db, Action.DOWNGRADE, "1", dir);
        MigrationResult up = run(db, Action.UPGRADE, "head", dir);

        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(down.migrations()).extracting(MigrationStep::version).containsExactly("3", "2");
        assertThat(up.success()).as(up.message()).isTrue();
        assertThat(db.fingerprint()).isEqualTo(atHead);
        assertThat(db.column("SELECT email FROM users ORDER BY id")).containsExactly("a@example.com", "b@example.com");
        assertThat(db.value("SELECT task_count()")).isEqualTo("0");
    }

    @Test
    void shouldDowngradeToBaseAndLetStockFlywayValidateAndMigrateAgain(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.UPGRADE, "", dir);

        MigrationResult down = run(db, Action.DOWNGRADE, "base", dir);

        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(down.currentRevision()).isEqualTo("base");
        assertThat(db.tables()).containsExactlyInAnyOrder("flyway_schema_history", "db_migrate_audit");
        Flyway stock = Flyway.configure().dataSource(db.jdbcUrl(), PostgresExtension.USER, PostgresExtension.PASSWORD)
                .locations("filesystem:" + dir).load();
        assertThat(stock.info().pending()).hasSize(3);
        stock.migrate();
        stock.validate();
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldLeaveAHistoryThatStockFlywayValidatesAndReadsAsWeDoAfterUpgradeDowngradeUpgrade(TestDatabase db)
            throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.UPGRADE, "head", dir);
        db.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        db.execute("INSERT INTO tasks (user_id, title, priority) SELECT id, 'write', 'high' FROM users");
        assertThat(run(db, Action.DOWNGRADE, "1", dir).backups()).isNotEmpty();
        run(db, Action.UPGRADE, "head", dir);

        MigrationResult ours = run(db, Action.INFO, "", dir);
        Flyway stock = Flyway.configure().dataSource(db.jdbcUrl(), PostgresExtension.USER, PostgresExtension.PASSWORD)
                .locations("filesystem:" + dir).load();

        stock.validate();
        assertThat(stock.validateWithResult().validationSuccessful).isTrue();
        MigrationInfoService theirs = stock.info();
        assertThat(theirs.current().getVersion().getVersion()).isEqualTo(ours.currentRevision()).isEqualTo("3");
        assertThat(theirs.pending()).isEmpty();
        assertThat(Arrays.stream(theirs.applied()).map(m -> m.getVersion().getVersion() + " " + m.getDescription() + " "
                + m.getState().getDisplayName() + " " + m.getInstalledOn().toInstant()).toList())
                .isEqualTo(ours.migrations().stream().filter(m -> !m.appliedAt().isEmpty())
                        .map(m -> m.version() + " " + m.description() + " " + m.state() + " " + m.appliedAt()).toList())
                .hasSize(3);
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldRefuseUpFrontWhenAnUndoScriptIsMissing(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("missing-undo", tmp);
        run(db, Action.UPGRADE, "", dir);
        List<String> before = db.fingerprint();

        MigrationResult result = run(db, Action.DOWNGRADE, "base", dir);

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo(ErrorKind.IRREVERSIBLE);
        assertThat(result.message()).isEqualTo("Migration V2 cannot be reversed: no U2__*.sql found in filesystem:"
                + dir + ". Nothing was changed.");
        assertThat(result.currentRevision()).isEqualTo("3");
        assertThat(db.fingerprint()).isEqualTo(before);
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldRollBackEverythingWhenTheThirdUndoScriptFails(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("undo-fails-third", tmp);
        run(db, Action.UPGRADE, "", dir);
        db.execute("INSERT INTO users (email, nickname) VALUES ('kept@example.com', 'kept')");
        List<String> before = db.fingerprint();

        MigrationResult result = run(db, Action.DOWNGRADE, "base", dir);

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(result.message()).isEqualTo("Undo script U2__create_tasks.sql failed: SQL state 42P01 at line 2:"
                + " table \"no_such_table\" does not exist. Everything was rolled back; the database stays at revision 4.");
        assertThat(result.currentRevision()).isEqualTo("4");
        assertThat(db.fingerprint()).isEqualTo(before);
        assertThat(db.historyVersions()).containsExactly("1", "2", "3", "4");
        assertThat(db.value("SELECT nickname FROM users")).isEqualTo("kept");
    }

    @Test
    void shouldReportWhereAFailedDowngradeStartedAndAimed(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("undo-fails-third", tmp);
        run(db, Action.UPGRADE, "", dir);

        MigrationResult result = run(db, Action.DOWNGRADE, "1", dir);

        assertThat(result.success()).isFalse();
        assertThat(result.currentRevision()).isEqualTo("4");
        assertThat(result.previousRevision()).isEqualTo("4");
        assertThat(result.target()).isEqualTo("1");
    }

    @Test
    void shouldRefuseWhenAnAppliedFileWasEdited(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.UPGRADE, "", dir);
        Files.writeString(dir.resolve("V2__create_tasks.sql"), "-- edited\n", java.nio.file.StandardOpenOption.APPEND);

        MigrationResult result = run(db, Action.DOWNGRADE, "base", dir);

        assertThat(result.error()).isEqualTo(ErrorKind.CHECKSUM_MISMATCH);
        assertThat(result.message()).startsWith("Migration V2__create_tasks.sql was changed after it was applied");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldStopAtTheLastGoodRevisionWhenAMigrationFails(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("broken-sql", tmp);

        MigrationResult result = run(db, Action.UPGRADE, "", dir);

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(result.message()).isEqualTo("Migration V3__broken.sql failed: SQL state 42P01 at line 3:"
                + " relation \"no_such_table\" does not exist. The database stays at revision 2.");
        assertThat(result.currentRevision()).isEqualTo("2");
        assertThat(result.migrations()).extracting(MigrationStep::version).containsExactly("1", "2");
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'tasks'"))
                .doesNotContain("done");
        assertThat(db.historyVersions()).containsExactly("1", "2");
    }

    @Test
    void shouldGoBackToPreviousAcrossRuns(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.UPGRADE, "1", dir);
        run(db, Action.UPGRADE, "head", dir);

        MigrationResult result = run(db, Action.DOWNGRADE, "previous", dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.currentRevision()).isEqualTo("1");
        assertThat(db.historyVersions()).containsExactly("1");
    }

    @Test
    void shouldMoveRelativeSteps(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        assertThat(run(db, Action.UPGRADE, "+2", dir).currentRevision()).isEqualTo("2");
        assertThat(run(db, Action.DOWNGRADE, "-2", dir).currentRevision()).isEqualTo("base");
        MigrationResult tooFar = run(db, Action.UPGRADE, "+4", dir);
        assertThat(tooFar.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(tooFar.message()).isEqualTo("Relative revision +4 goes beyond the migrations: at revision base"
                + " only 3 step(s) exist in that direction.");
    }

    @Test
    void shouldApplyACreateIndexConcurrentlyMigrationWithoutHanging(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("concurrent-index", tmp);

        MigrationResult result = run(db, Action.UPGRADE, "", dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(db.column("SELECT indexname FROM pg_indexes WHERE tablename = 'users'")).contains("users_email_idx");
    }

    @Test
    void shouldLeaveTheStartingRevisionWhenAnAtomicUpgradeFails(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("broken-sql", tmp);

        MigrationResult result = engine.run(Requests.on(db, Action.UPGRADE, dir).atomic(true).build());

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(result.message()).isEqualTo("Migration V3__broken.sql failed: SQL state 42P01 at line 3:"
                + " relation \"no_such_table\" does not exist. The database stays at revision base.");
        assertThat(result.currentRevision()).isEqualTo("base");
        assertThat(result.migrations()).isEmpty();
        assertThat(db.tables()).doesNotContain("users", "tasks");
    }

    @Test
    void shouldApplyEverythingInOneAtomicUpgrade(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = engine.run(Requests.on(db, Action.UPGRADE, dir).atomic(true).build());

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.migrations()).extracting(MigrationStep::version).containsExactly("1", "2", "3");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldRefuseAnAtomicUpgradeOverANonTransactionalMigration(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("concurrent-index", tmp);

        MigrationResult result = engine.run(Requests.on(db, Action.UPGRADE, dir).atomic(true).build());

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("An atomic upgrade cannot run here: Detected both transactional and"
                + " non-transactional migrations within the same migration group. First offending migration:"
                + " \"2 index email concurrently\" [non-transactional]. Such a statement refuses a transaction; run the"
                + " upgrade without --atomic. Nothing was applied.");
        assertThat(db.tables()).doesNotContain("users");
    }

    @Test
    void shouldRefuseAMigrationOlderThanTheCurrentRevisionThatWasNeverApplied(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.UPGRADE, "", dir);
        Files.writeString(dir.resolve("V2_5__late.sql"), "CREATE TABLE late (id int);\n");

        MigrationResult result = run(db, Action.UPGRADE, "", dir);

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("Migration V2_5__late.sql was never applied and is older than the"
                + " current revision 3: Flyway refuses it unless out of order is allowed. Give it a version above 3, or"
                + " apply it out of order with upgrade --out-of-order. Nothing was changed.");
        assertThat(db.tables()).doesNotContain("late");
    }
}
