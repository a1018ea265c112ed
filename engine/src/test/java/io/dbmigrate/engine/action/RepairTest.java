package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.history.HistoryTable;
import io.dbmigrate.engine.lock.MigrationLock;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** repair: Flyway's own, on our transaction; what it changes, listed; a dry run that changes nothing. */
@ExtendWith(PostgresExtension.class)
class RepairTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private MigrationResult run(TestDatabase db, Action action, Path dir) {
        return engine.run(Requests.of(db, action, "", dir));
    }

    private MigrationResult repair(TestDatabase db, Path dir, boolean dryRun) {
        return engine.run(Requests.on(db, Action.REPAIR, dir).dryRun(dryRun).build());
    }

    private static List<String> audit(TestDatabase db) throws Exception {
        return db.column("SELECT concat_ws(' | ', action, from_revision, to_revision, success, actor, migrations,"
                + " message) FROM db_migrate_audit WHERE action = 'repair' ORDER BY id");
    }

    /** V4 runs outside a transaction and fails after its first statement: Flyway records a failed row. */
    private static void addFailingMigration(Path dir) throws Exception {
        Files.writeString(dir.resolve("V4__bad.sql"), "CREATE TABLE leftover (id int);\nSELECT 1/0;\n");
        Files.writeString(dir.resolve("V4__bad.sql.conf"), "executeInTransaction=false\n");
    }

    @Test
    void shouldRemoveAFailedRowSoTheFixedMigrationCanRun(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        addFailingMigration(dir);
        assertThat(run(db, Action.UPGRADE, dir).success()).isFalse();
        assertThat(db.historyRows()).last().asString().startsWith("4 4 bad SQL V4__bad.sql").endsWith("success=false");
        MigrationResult refused = run(db, Action.UPGRADE, dir);
        assertThat(refused.message()).isEqualTo("Migration V4__bad.sql is recorded as failed in the schema history"
                + " (version 4). Clean up what it left, then run db-migrate repair to remove the failed row."
                + " Nothing was changed.");
        List<String> history = db.historyRows();

        MigrationResult dryRun = repair(db, dir, true);
        assertThat(db.historyRows()).isEqualTo(history);
        MigrationResult result = repair(db, dir, false);

        assertThat(dryRun.message()).isEqualTo("Dry run: would repair the schema history: remove 1 failed row(s); the"
                + " database would be at revision 3. Nothing was changed.");
        assertThat(dryRun.currentRevision()).isEqualTo(refused.currentRevision());
        assertThat(dryRun.warnings()).isEqualTo(result.warnings());

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Repaired the schema history: removed 1 failed row(s); the database is"
                + " at revision 3.");
        assertThat(result.currentRevision()).isEqualTo("3");
        assertThat(result.migrations()).extracting(MigrationStep::version, MigrationStep::script,
                step -> step.state().label())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("4", "V4__bad.sql", "REMOVED"));
        assertThat(result.warnings()).containsExactly(
                "V4__bad.sql: failed row removed (clean up by hand what it left, if anything)");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
        assertThat(db.historyRows()).hasSize(3);
        // the user cleans up and fixes the script; the upgrade then runs it
        db.execute("DROP TABLE leftover");
        Files.writeString(dir.resolve("V4__bad.sql"), "CREATE TABLE leftover (id int);\n");
        MigrationResult upgraded = run(db, Action.UPGRADE, dir);
        assertThat(upgraded.message()).isEqualTo("Upgraded from revision 3 to 4: applied 1 migration(s).");
    }

    @Test
    void shouldRealignAnEditedAndRenamedMigrationSoValidatePasses(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.UPGRADE, dir);
        String oldChecksum = db.value("SELECT checksum FROM flyway_schema_history WHERE version = '2'");
        Path renamed = dir.resolve("V2__make_tasks.sql");
        Files.move(dir.resolve("V2__create_tasks.sql"), renamed);
        Files.writeString(renamed, "-- reviewed\n", StandardOpenOption.APPEND);
        MigrationResult invalid = run(db, Action.VALIDATE, dir);
        assertThat(invalid.error()).isEqualTo(ErrorKind.CHECKSUM_MISMATCH);
        assertThat(invalid.message()).contains("Migration V2__make_tasks.sql was changed after it was applied"
                + " (checksum mismatch for version 2). Restore the applied file, or run db-migrate repair if the"
                + " change is intended.");
        List<String> historyBefore = db.historyRows();

        MigrationResult dryRun = repair(db, dir, true);
        List<String> historyAfterDryRun = db.historyRows();
        MigrationResult result = repair(db, dir, false);

        String newChecksum = db.value("SELECT checksum FROM flyway_schema_history WHERE version = '2'");
        assertThat(newChecksum).isNotEqualTo(oldChecksum);
        String line = "V2__make_tasks.sql: checksum " + oldChecksum + " → " + newChecksum
                + ", description 'create tasks' → 'make tasks'";
        assertThat(dryRun.success()).as(dryRun.message()).isTrue();
        assertThat(dryRun.message()).isEqualTo("Dry run: would repair the schema history: realign 1 applied"
                + " migration(s) with their files; the database would be at revision 3. Nothing was changed.");
        assertThat(dryRun.warnings()).containsExactly(line);
        assertThat(historyAfterDryRun).isEqualTo(historyBefore);
        assertThat(result.message()).isEqualTo("Repaired the schema history: realigned 1 applied migration(s) with"
                + " their files; the database is at revision 3.");
        assertThat(result.warnings()).containsExactly(line);
        assertThat(result.migrations()).extracting(MigrationStep::version, MigrationStep::description,
                step -> step.state().label()).containsExactly(org.assertj.core.groups.Tuple.tuple("2", "create tasks",
                "ALIGNED"));
        assertThat(db.value("SELECT description || ' ' || script FROM flyway_schema_history WHERE version = '2'"))
                .isEqualTo("make tasks V2__create_tasks.sql");
        MigrationResult valid = run(db, Action.VALIDATE, dir);
        assertThat(valid.success()).as(valid.message()).isTrue();
        assertThat(audit(db)).containsExactly("repair | 3 | 3 | t | test | 1 | " + result.message());
    }

    @Test
    void shouldMarkAMigrationWhoseFileIsGoneAsDeleted(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.UPGRADE, dir);
        Files.delete(dir.resolve("V2__create_tasks.sql"));
        Files.delete(dir.resolve("U2__create_tasks.sql"));
        MigrationResult refused = run(db, Action.UPGRADE, dir);
        assertThat(refused.error()).isEqualTo(ErrorKind.CHECKSUM_MISMATCH);
        List<String> historyBefore = db.historyRows();

        MigrationResult dryRun = repair(db, dir, true);
        assertThat(db.historyRows()).isEqualTo(historyBefore);
        MigrationResult result = repair(db, dir, false);

        String line = "V2__create_tasks.sql: its file is gone; marked deleted";
        assertThat(dryRun.message()).isEqualTo("Dry run: would repair the schema history: mark 1 migration(s) whose"
                + " file is gone as deleted; the database would be at revision 3. Nothing was changed.");
        assertThat(dryRun.warnings()).containsExactly(line);
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Repaired the schema history: marked 1 migration(s) whose file is gone"
                + " as deleted; the database is at revision 3.");
        assertThat(result.warnings()).containsExactly(line);
        assertThat(result.migrations()).extracting(step -> step.state().label()).containsExactly("DELETED");
        assertThat(db.historyRows()).hasSize(4).last().asString().startsWith("4 2 create tasks DELETE");
        assertThat(run(db, Action.VALIDATE, dir).message()).startsWith("Validated");
        assertThat(run(db, Action.UPGRADE, dir).message()).isEqualTo("Already at revision 3: nothing to apply.");
        assertThat(audit(db)).hasSize(1);
        // the deleted migration is no step any more: a downgrade past it undoes only V3
        MigrationResult down = engine.run(Requests.of(db, Action.DOWNGRADE, "1", dir));
        assertThat(down.message()).isEqualTo("Downgraded from revision 3 to 1: undid 1 migration(s).");
        assertThat(down.migrations()).extracting(MigrationStep::script).containsExactly("U3__add_priority.sql");
    }

    @Test
    void shouldSayNothingToRepairAndWriteNoAuditRow(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.UPGRADE, dir);

        MigrationResult result = repair(db, dir, false);

        assertThat(result.success()).isTrue();
        assertThat(result.message()).isEqualTo("Nothing to repair: no failed rows, and every applied migration matches"
                + " its file; at revision 3.");
        assertThat(result.migrations()).isEmpty();
        assertThat(audit(db)).isEmpty();
    }

    @Test
    void shouldRefuseADatabaseWithoutHistory(TestDatabase db) {
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = repair(db, dir, false);

        assertThat(result.error()).isEqualTo(ErrorKind.NOT_INITIALIZED);
        assertThat(result.message()).isEqualTo("The database is not initialized: schema public has no schema history"
                + " table. Run init first.");
    }

    @Test
    void shouldRefuseARevision(TestDatabase db) {
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = engine.run(Requests.of(db, Action.REPAIR, "2", dir));

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("The action 'repair' takes no revision (got '2').");
    }

    @Test
    void shouldWaitForAnotherRunAndChangeNothing(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.UPGRADE, dir);
        Files.writeString(dir.resolve("V2__create_tasks.sql"), "-- edited\n", StandardOpenOption.APPEND);
        List<String> history = db.historyRows();
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + MigrationLock.runKey("public", HistoryTable.NAME) + ")");

            MigrationResult result = engine.run(Requests.on(db, Action.REPAIR, dir).lockTimeoutSeconds(1).build());

            assertThat(result.error()).isEqualTo(ErrorKind.LOCKED);
            assertThat(result.message()).startsWith("Another migration is running: ");
        }
        assertThat(db.historyRows()).isEqualTo(history);
        assertThat(audit(db)).isEmpty();
    }
}
