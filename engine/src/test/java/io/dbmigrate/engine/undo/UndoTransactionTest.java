package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A downgrade is one transaction: an undo script that would end or split it is refused before anything runs, by
 * downgrade, its dry run, validate and verify alike; so is a statement PostgreSQL will not run in a transaction, unless
 * the script is marked to run outside one, which is then allowed only as the last step.
 */
@ExtendWith(PostgresExtension.class)
class UndoTransactionTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    /** V1..V3 each create a table with a row; U2 fails; U3 is {@code u3}. */
    private Path atThreeWithData(TestDatabase db, String u3) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        for (int v = 1; v <= 3; v++) {
            Files.writeString(dir.resolve("V" + v + "__t" + v + ".sql"),
                    "create table t" + v + " (id int primary key, v text);\ninsert into t" + v + " values (" + v + ", 'r');\n");
        }
        Files.writeString(dir.resolve("U1__t1.sql"), "drop table t1;\n");
        Files.writeString(dir.resolve("U2__t2.sql"), "drop table t2;\nselect 1/0;\n");
        Files.writeString(dir.resolve("U3__t3.sql"), u3);
        MigrationResult up = engine.run(Requests.of(db, Action.UPGRADE, "head", dir));
        assertThat(up.success()).as(up.message()).isTrue();
        return dir;
    }

    private MigrationResult run(TestDatabase db, Action action, String revision, Path dir, boolean dryRun) {
        return engine.run(Requests.on(db, action, dir).revision(revision).dryRun(dryRun).build());
    }

    /** The downgrade to {@code revision} is refused with {@code message} as INVALID_INPUT, and nothing changes. */
    private void assertRefusedUpFront(TestDatabase db, Path dir, String revision, String message) throws Exception {
        List<String> before = state(db);

        MigrationResult down = run(db, Action.DOWNGRADE, revision, dir, false);

        assertThat(down.error()).as(down.message()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(down.message()).isEqualTo(message);
        assertThat(state(db)).isEqualTo(before);
    }

    private static List<String> state(TestDatabase db) throws Exception {
        List<String> state = new java.util.ArrayList<>(db.fingerprint());
        state.addAll(db.historyRows());
        state.addAll(db.column("SELECT 't3:' || count(*) FROM t3"));
        state.addAll(db.column("SELECT count(*)::text FROM pg_namespace WHERE nspname = 'db_migrate_backup'"));
        state.addAll(db.column("SELECT count(*)::text FROM db_migrate_audit"));
        return state;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "'begin;\ndrop table t3;\ncommit;\n'                      | 1 | BEGIN",
            "'drop table t3;\nCOMMIT;\n'                              | 2 | COMMIT",
            "'drop table t3;\n  end;\n'                               | 2 | END",
            "'savepoint s;\ndrop table t3;\n'                         | 1 | SAVEPOINT",
            "'drop table t3;\nrollback;\n'                            | 2 | ROLLBACK",
            "'-- undo\nstart transaction isolation level serializable;\ndrop table t3;\n' | 2 | START TRANSACTION",
            "'drop table t3;\n/* done */ release savepoint s;\n'      | 2 | RELEASE",
            "'drop table t3;\ndo $$ begin perform 1; commit; end $$;\n' | 2 | COMMIT inside a DO block",
            "'drop table t3;\nabort;\n'                               | 2 | ABORT",
            "'prepare transaction ''x'';\ndrop table t3;\n'           | 1 | PREPARE TRANSACTION",
    })
    void shouldRefuseTransactionControlBeforeAnythingRuns(String u3, int line, String what, TestDatabase db)
            throws Exception {
        Path dir = atThreeWithData(db, u3);
        List<String> before = state(db);
        String expected = "U3__t3.sql:" + line + ": " + what + " is not allowed in an undo script: a downgrade runs all"
                + " its undo scripts in one transaction, and BEGIN, COMMIT, ROLLBACK, SAVEPOINT or END would end or split"
                + " it. Remove it. Nothing was changed.";

        for (boolean dryRun : new boolean[]{false, true}) {
            MigrationResult down = run(db, Action.DOWNGRADE, "base", dir, dryRun);
            assertThat(down.success()).isFalse();
            assertThat(down.error()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(down.message()).isEqualTo(expected);
        }
        MigrationResult validate = run(db, Action.VALIDATE, "", dir, false);
        assertThat(validate.message()).isEqualTo("Validation failed: " + expected);
        MigrationResult verify = run(db, Action.VERIFY, "", dir, false);
        assertThat(verify.message()).isEqualTo(expected);
        assertThat(state(db)).isEqualTo(before);
        assertThat(db.value("SELECT v FROM t3")).isEqualTo("r");
    }

    @Test
    void shouldLeaveTheWordCommitInStringsAndCommentsAlone(TestDatabase db) throws Exception {
        Path dir = atThreeWithData(db, "-- COMMIT; would be wrong here\ninsert into t1 values (9, 'commit;');\n"
                + "insert into t1 values (10, $$ rollback; $$);\ndrop table t3;\n");

        MigrationResult down = run(db, Action.DOWNGRADE, "2", dir, false);

        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(db.column("SELECT v FROM t1 ORDER BY id")).containsExactly("r", "commit;", " rollback; ");
    }

    @Test
    void shouldRefuseAStatementThatCannotRunInATransactionAndNameIt(TestDatabase db) throws Exception {
        Path dir = atThreeWithData(db, "drop table t3;\ncreate index concurrently t1_v on t1 (v);\n");

        assertRefusedUpFront(db, dir, "2", "U3__t3.sql:2: CREATE INDEX CONCURRENTLY cannot run inside a transaction,"
                + " and a downgrade runs its undo scripts in one. Change the statement (e.g. without CONCURRENTLY), or run"
                + " this script on its own outside the transaction: put executeInTransaction=false in U3__t3.sql.conf"
                + " (it must then be the last step of the downgrade). Nothing was changed.");
    }

    @Test
    void shouldRunAScriptMarkedNonTransactionalLastAndSaySo(TestDatabase db) throws Exception {
        Path dir = atThreeWithData(db, "drop index concurrently t3_v;\n");
        Files.writeString(dir.resolve("U3__t3.sql.conf"), "executeInTransaction=false\n");
        Files.writeString(dir.resolve("V4__t4.sql"), "create table t4 (id int primary key);\ninsert into t4 values (4);\n");
        Files.writeString(dir.resolve("U4__t4.sql"), "drop table t4;\n");
        db.execute("create index t3_v on t3 (v)");
        assertThat(engine.run(Requests.of(db, Action.UPGRADE, "head", dir)).success()).isTrue();

        MigrationResult down = run(db, Action.DOWNGRADE, "2", dir, false);

        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(down.currentRevision()).isEqualTo("2");
        assertThat(down.warnings()).containsExactly("U3__t3.sql ran outside the downgrade's transaction"
                + " (executeInTransaction=false), after the other undo scripts were committed at revision 3: had it"
                + " failed, the database would have stayed there, with its statements before the failing one applied.");
        assertThat(db.historyVersions()).containsExactly("1", "2");
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 't3_v'")).isEqualTo("0");
        assertThat(down.backups()).extracting(b -> b.source()).containsExactly("public.t4");
        assertThat(engine.run(Requests.of(db, Action.CURRENT, "", dir)).currentRevision()).isEqualTo("2");
    }

    @Test
    void shouldRefuseANonTransactionalScriptThatIsNotTheLastStep(TestDatabase db) throws Exception {
        Path dir = atThreeWithData(db, "drop index concurrently t3_v;\n");
        Files.writeString(dir.resolve("U3__t3.sql.conf"), "executeInTransaction=false\n");
        Files.writeString(dir.resolve("U2__t2.sql"), "drop table t2;\n");

        assertRefusedUpFront(db, dir, "1", "U3__t3.sql runs outside a transaction (executeInTransaction=false), so it"
                + " can only be the last step of a downgrade. Downgrade to revision 3 first, then on. Nothing was changed.");
    }

    @Test
    void shouldRefuseToRunADestructiveScriptOutsideTheTransactionWithBackupsOn(TestDatabase db) throws Exception {
        Path dir = atThreeWithData(db, "drop index concurrently t3_v;\ndrop table t3;\n");
        Files.writeString(dir.resolve("U3__t3.sql.conf"), "executeInTransaction=false\n");

        assertRefusedUpFront(db, dir, "2", "U3__t3.sql:2: this statement may destroy data, and U3__t3.sql runs outside"
                + " a transaction (executeInTransaction=false), where db-migrate cannot find out what it destroys to back"
                + " it up. Keep only the statements that need to run outside a transaction in that script, or downgrade"
                + " with --no-backup. Nothing was changed.");
    }

    @Test
    void shouldReportAFailingNonTransactionalScriptHonestly(TestDatabase db) throws Exception {
        Path dir = atThreeWithData(db, "create index concurrently t1_v on t1 (v);\ndrop index concurrently no_such_index;\n");
        Files.writeString(dir.resolve("U3__t3.sql.conf"), "executeInTransaction=false\n");

        MigrationResult down = engine.run(Requests.on(db, Action.DOWNGRADE, dir).revision("2").backups(false).build());

        assertThat(down.error()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(down.message()).isEqualTo("Undo script U3__t3.sql failed: SQL state 42704 at line 2: index"
                + " \"no_such_index\" does not exist. It runs outside a transaction (executeInTransaction=false), so its"
                + " statements before the failing one stay applied; the undo scripts before it were committed. The"
                + " database is at revision 3.");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 't1_v'")).isEqualTo("1");
    }

    @Test
    void shouldRefuseAScriptSettingThatIsNeitherTrueNorFalse(TestDatabase db) throws Exception {
        Path dir = atThreeWithData(db, "drop index concurrently t3_v;\n");
        Files.writeString(dir.resolve("U3__t3.sql.conf"), "# Flyway script config\nexecuteInTransaction = no\n");

        // Flyway reads the script configuration of undo scripts too, and refuses first
        assertRefusedUpFront(db, dir, "2", "Flyway refused the migrations: Invalid value for executeInTransaction"
                + " (should be either true or false): no.");
    }
}
