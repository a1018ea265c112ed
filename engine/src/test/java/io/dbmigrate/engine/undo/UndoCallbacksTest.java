package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL callbacks of a downgrade, named as Flyway names its undo callbacks: beforeUndo and afterUndo inside the
 * downgrade's transaction, beforeEachUndo and afterEachUndo around each undo script, afterUndoError after a rollback.
 */
@ExtendWith(PostgresExtension.class)
class UndoCallbacksTest {
    /** What a callback logs: the event, and how many columns tasks has at that moment. */
    private static final String LOG = "INSERT INTO undo_log (event) SELECT '%s ' || (SELECT count(*) FROM"
            + " information_schema.columns WHERE table_schema = 'public' AND table_name = 'tasks');\n";

    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private MigrationResult run(TestDatabase db, Action action, String revision, Path dir) {
        return engine.run(Requests.of(db, action, revision, dir));
    }

    /** reversible-three with every callback, applied up to 3; the log table is outside Flyway's migrations. */
    private Path atThreeWithCallbacks(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        Files.writeString(dir.resolve("beforeUndo.sql"),
                "INSERT INTO undo_log (event) VALUES ('beforeUndo ${flyway:filename}');\n");
        Files.writeString(dir.resolve("beforeEachUndo.sql"), LOG.formatted("beforeEachUndo"));
        Files.writeString(dir.resolve("afterEachUndo.sql"), LOG.formatted("afterEachUndo"));
        Files.writeString(dir.resolve("afterUndo.sql"), "INSERT INTO undo_log (event) SELECT 'afterUndo history ' ||"
                + " string_agg(version, ',' ORDER BY installed_rank) FROM flyway_schema_history;\n");
        Files.writeString(dir.resolve("afterUndoError.sql"), "INSERT INTO undo_log (event) SELECT 'afterUndoError"
                + " history ' || string_agg(version, ',' ORDER BY installed_rank) FROM flyway_schema_history;\n");
        MigrationResult up = run(db, Action.UPGRADE, "", dir);
        assertThat(up.message()).isEqualTo("Upgraded from revision base to 3: applied 3 migration(s).");
        db.execute("CREATE TABLE undo_log (id serial PRIMARY KEY, event text NOT NULL)");
        return dir;
    }

    private static List<String> log(TestDatabase db) throws Exception {
        return db.column("SELECT event FROM undo_log ORDER BY id");
    }

    @Test
    void shouldLeaveUpgradeAndValidateAloneWhenCallbacksArePresent(TestDatabase db) throws Exception {
        Path dir = atThreeWithCallbacks(db);

        MigrationResult valid = run(db, Action.VALIDATE, "", dir);

        assertThat(valid.success()).as(valid.message()).isTrue();
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
        assertThat(db.historyRows()).hasSize(3);
        assertThat(log(db)).isEmpty();
    }

    @Test
    void shouldRunTheCallbacksInOrderWithTheDowngrade(TestDatabase db) throws Exception {
        Path dir = atThreeWithCallbacks(db);

        MigrationResult down = run(db, Action.DOWNGRADE, "1", dir);

        assertThat(down.message()).isEqualTo("Downgraded from revision 3 to 1: undid 2 migration(s).");
        assertThat(log(db)).containsExactly("beforeUndo beforeUndo.sql", "beforeEachUndo 4", "afterEachUndo 3",
                "beforeEachUndo 3", "afterEachUndo 0", "afterUndo history 1");
        assertThat(db.historyVersions()).containsExactly("1");
    }

    @Test
    void shouldRunNothingInADryRun(TestDatabase db) throws Exception {
        Path dir = atThreeWithCallbacks(db);

        MigrationResult dryRun = engine.run(Requests.on(db, Action.DOWNGRADE, dir).revision("1").dryRun(true).build());

        assertThat(dryRun.success()).as(dryRun.message()).isTrue();
        assertThat(log(db)).isEmpty();
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldRollBackTheWholeDowngradeWhenAfterUndoFailsThenRunAfterUndoError(TestDatabase db) throws Exception {
        Path dir = atThreeWithCallbacks(db);
        Files.writeString(dir.resolve("afterUndo.sql"), "INSERT INTO undo_log (event) VALUES ('afterUndo');\n"
                + "SELECT 1/0;\n");
        db.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        List<String> history = db.historyRows();
        List<String> tables = db.tables();

        MigrationResult down = run(db, Action.DOWNGRADE, "1", dir);

        assertThat(down.error()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(down.message()).isEqualTo("SQL callback afterUndo.sql failed: SQL state 22012 at line 2: division"
                + " by zero. Everything was rolled back; the database stays at revision 3.");
        assertThat(down.currentRevision()).isEqualTo("3");
        assertThat(db.historyRows()).isEqualTo(history);
        assertThat(db.tables()).isEqualTo(tables);
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'tasks'"))
                .contains("priority");
        assertThat(db.column("SELECT email FROM users")).containsExactly("a@example.com");
        assertThat(db.backupTables()).isEmpty();
        // only afterUndoError's row: the rest went with the rollback
        assertThat(log(db)).containsExactly("afterUndoError history 1,2,3");
        assertThat(db.value("SELECT success || ' ' || message FROM db_migrate_audit WHERE action = 'downgrade'"))
                .isEqualTo("false " + down.message());
    }

    @Test
    void shouldSayWhenAfterUndoErrorFailsToo(TestDatabase db) throws Exception {
        Path dir = atThreeWithCallbacks(db);
        Files.writeString(dir.resolve("U3__add_priority.sql"), "SELECT no_such_column FROM tasks;\n");
        Files.writeString(dir.resolve("afterUndoError.sql"), "INSERT INTO undo_log (event) VALUES ('x');\n"
                + "SELECT 1/0;\n");

        MigrationResult down = run(db, Action.DOWNGRADE, "2", dir);

        assertThat(down.message()).isEqualTo("Undo script U3__add_priority.sql failed: SQL state 42703 at line 1:"
                + " column \"no_such_column\" does not exist. Everything was rolled back; the database stays at"
                + " revision 3. Then SQL callback afterUndoError.sql failed too: SQL state 22012 at line 2: division by"
                + " zero; what it did was rolled back.");
        assertThat(log(db)).isEmpty();
    }

    @Test
    void shouldBackUpWhatACallbackDestroys(TestDatabase db) throws Exception {
        Path dir = atThreeWithCallbacks(db);
        db.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        Files.writeString(dir.resolve("beforeUndo.sql"), "DELETE FROM users;\n");

        MigrationResult down = run(db, Action.DOWNGRADE, "2", dir);

        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(down.backups()).singleElement().asString()
                .startsWith("rows of public.users (1 row(s)) → db_migrate_backup.v3_users_");
        assertThat(db.value("SELECT email FROM db_migrate_backup." + down.backups().get(0).name()))
                .isEqualTo("a@example.com");
        assertThat(db.column("SELECT email FROM users")).isEmpty();
    }

    @Test
    void shouldNameTheCallbackThatWouldDestroyDataInADryRun(TestDatabase db) throws Exception {
        Path dir = atThreeWithCallbacks(db);
        db.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        Files.writeString(dir.resolve("beforeUndo.sql"), "DELETE FROM users;\n");

        MigrationResult dryRun = engine.run(Requests.on(db, Action.DOWNGRADE, dir).revision("2").dryRun(true).build());

        assertThat(dryRun.warnings()).contains("DS105 beforeUndo.sql:1: Deleting every row of users")
                .contains("Would back up before beforeUndo.sql destroys it: rows of public.users (1 row(s))");
        assertThat(db.column("SELECT email FROM users")).containsExactly("a@example.com");
        assertThat(log(db)).isEmpty();
    }

    @Test
    void shouldRefuseACallbackThatWouldEndTheTransactionBeforeAnythingRuns(TestDatabase db) throws Exception {
        Path dir = atThreeWithCallbacks(db);
        Files.writeString(dir.resolve("afterEachUndo__notify.sql"), "COMMIT;\n");

        MigrationResult down = run(db, Action.DOWNGRADE, "2", dir);
        MigrationResult validate = run(db, Action.VALIDATE, "", dir);

        String message = "afterEachUndo__notify.sql:1: COMMIT is not allowed in an undo script: a downgrade runs all"
                + " its undo scripts in one transaction, and BEGIN, COMMIT, ROLLBACK, SAVEPOINT or END would end or"
                + " split it. Remove it. Nothing was changed.";
        assertThat(down.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(down.message()).isEqualTo(message);
        assertThat(validate.message()).isEqualTo("Validation failed: " + message);
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
        assertThat(log(db)).isEmpty();
    }

    /** Adds V4 (an index U4 drops concurrently, outside the transaction) and V5 (a table), applied. */
    private Path atFiveWithAStepOutsideTheTransaction(TestDatabase db) throws Exception {
        Path dir = atThreeWithCallbacks(db);
        Files.writeString(dir.resolve("V4__index_titles.sql"), "CREATE INDEX tasks_title ON tasks (title);\n");
        Files.writeString(dir.resolve("U4__index_titles.sql"), "DROP INDEX CONCURRENTLY tasks_title;\n");
        Files.writeString(dir.resolve("U4__index_titles.sql.conf"), "executeInTransaction=false\n");
        Files.writeString(dir.resolve("V5__t5.sql"), "CREATE TABLE t5 (id int);\n");
        Files.writeString(dir.resolve("U5__t5.sql"), "DROP TABLE t5;\n");
        assertThat(run(db, Action.UPGRADE, "", dir).currentRevision()).isEqualTo("5");
        return dir;
    }

    @Test
    void shouldRunTheCallbacksOfAStepOutsideTheTransactionWithIt(TestDatabase db) throws Exception {
        Path dir = atFiveWithAStepOutsideTheTransaction(db);

        MigrationResult down = engine.run(Requests.on(db, Action.DOWNGRADE, dir).revision("3").backups(false).build());

        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(log(db)).containsExactly("beforeUndo beforeUndo.sql", "beforeEachUndo 4", "afterEachUndo 4",
                "beforeEachUndo 4", "afterEachUndo 4", "afterUndo history 1,2,3,4");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldRefuseACallbackThatMayDestroyDataAroundAStepOutsideTheTransactionWithBackupsOn(TestDatabase db)
            throws Exception {
        Path dir = atFiveWithAStepOutsideTheTransaction(db);

        MigrationResult down = run(db, Action.DOWNGRADE, "3", dir);

        assertThat(down.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(down.message()).isEqualTo("beforeEachUndo.sql:1: this statement may destroy data, and this SQL"
                + " callback runs with U4__index_titles.sql outside a transaction (executeInTransaction=false), where"
                + " db-migrate cannot find out what it destroys to back it up. Keep such statements out of"
                + " beforeEachUndo, afterEachUndo and afterUndo callbacks, or downgrade with --no-backup. Nothing was"
                + " changed.");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3", "4", "5");
        assertThat(log(db)).isEmpty();
    }
}
