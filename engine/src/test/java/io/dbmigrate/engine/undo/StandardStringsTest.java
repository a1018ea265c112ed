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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * db-migrate reads scripts as PostgreSQL does with standard_conforming_strings on. With it off, a backslash ends a
 * string elsewhere, and a COMMIT could hide in what db-migrate took for a string: so a script that turns it off stops
 * right there, and a database where it is off is refused before anything runs.
 */
@ExtendWith(PostgresExtension.class)
class StandardStringsTest {
    /** Read with standard_conforming_strings off: {@code SELECT 'C:\', '} and then {@code ; COMMIT; BEGIN; --'}. */
    private static final String HIDDEN_COMMIT = "SET standard_conforming_strings = off;\n"
            + "ALTER TABLE docs DROP COLUMN body;\n"
            + "SELECT 'C:\\', '; COMMIT; BEGIN; --';\n";

    private static final String TURNED_OFF = "U2__body.sql:1: this statement turns standard_conforming_strings off,"
            + " and db-migrate reads scripts as PostgreSQL does with it on: with it off, a backslash in a string could"
            + " hide a statement, even a COMMIT, from db-migrate's checks. Remove it; write E'...' for a string with"
            + " backslash escapes. Everything was rolled back; the database stays at revision 2.";

    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    /** V1 creates docs, V2 gives it a body with data; U2 is {@code u2}. */
    private Path atTwo(TestDatabase db, String u2) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(dir.resolve("V1__docs.sql"), "create table docs (id int primary key);\n"
                + "insert into docs values (1), (2);\n");
        Files.writeString(dir.resolve("V2__body.sql"), "alter table docs add column body text;\n"
                + "update docs set body = 'text ' || id;\n");
        Files.writeString(dir.resolve("U1__docs.sql"), "drop table docs;\n");
        Files.writeString(dir.resolve("U2__body.sql"), u2);
        MigrationResult up = engine.run(Requests.of(db, Action.UPGRADE, "head", dir));
        assertThat(up.success()).as(up.message()).isTrue();
        return dir;
    }

    private MigrationResult downgrade(TestDatabase db, Path dir, boolean backups, boolean dryRun) {
        return engine.run(Requests.on(db, Action.DOWNGRADE, dir).revision("1").backups(backups).dryRun(dryRun)
                .build());
    }

    private static void assertUnchanged(TestDatabase db) throws Exception {
        assertThat(db.column("SELECT id || ':' || body FROM docs ORDER BY id")).containsExactly("1:text 1", "2:text 2");
        assertThat(db.historyVersions()).containsExactly("1", "2");
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'db_migrate_backup'")).isEqualTo("0");
    }

    @ParameterizedTest(name = "backups {0}, dry run {1}")
    @CsvSource({"true, false", "false, false", "true, true"})
    void shouldStopAtTheStatementThatTurnsStandardStringsOffAndRollBack(boolean backups, boolean dryRun,
                                                                        TestDatabase db) throws Exception {
        Path dir = atTwo(db, HIDDEN_COMMIT);

        MigrationResult down = downgrade(db, dir, backups, dryRun);

        assertThat(down.success()).isFalse();
        assertThat(down.error()).as(down.message()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(down.message()).isEqualTo(TURNED_OFF);
        assertUnchanged(db);
    }

    @Test
    void shouldStopACallbackThatTurnsStandardStringsOffAndRollBack(TestDatabase db) throws Exception {
        Path dir = atTwo(db, "alter table docs drop column body;\n");
        Files.writeString(dir.resolve("beforeEachUndo.sql"), HIDDEN_COMMIT.replace("body", "id"));

        MigrationResult down = downgrade(db, dir, true, false);

        assertThat(down.message()).startsWith("beforeEachUndo.sql:1: this statement turns standard_conforming_strings"
                + " off,").endsWith(" Everything was rolled back; the database stays at revision 2.");
        assertUnchanged(db);
    }

    @Test
    void shouldFailVerifyOfAnUndoScriptThatTurnsStandardStringsOff(TestDatabase db) throws Exception {
        Path dir = atTwo(db, HIDDEN_COMMIT);

        // verify runs the downgrade on its scratch database, and says what it said
        MigrationResult verify = engine.run(Requests.of(db, Action.VERIFY, "", dir));

        assertThat(verify.success()).isFalse();
        assertThat(verify.message()).isEqualTo(TURNED_OFF);
        assertUnchanged(db);
    }

    @Test
    void shouldRefuseADatabaseWhereStandardStringsAreOffBeforeAnythingRuns(TestDatabase db) throws Exception {
        Path dir = atTwo(db, "alter table docs drop column body;\n");
        db.execute("ALTER DATABASE " + db.name() + " SET standard_conforming_strings = off");
        String audited = db.value("SELECT count(*) FROM db_migrate_audit");

        for (boolean dryRun : new boolean[]{false, true}) {
            for (boolean backups : new boolean[]{true, false}) {
                MigrationResult down = downgrade(db, dir, backups, dryRun);
                assertThat(down.error()).as(down.message()).isEqualTo(ErrorKind.INVALID_INPUT);
                assertThat(down.message()).isEqualTo("Cannot run undo scripts: standard_conforming_strings is off on"
                        + " this connection, and db-migrate reads scripts as PostgreSQL does with it on, its default"
                        + " since 9.1; with it off, a backslash in a string could hide a statement from db-migrate's"
                        + " checks. Turn it back on where it was turned off (ALTER DATABASE or ALTER ROLE ... RESET"
                        + " standard_conforming_strings, or the connection's options). Nothing was changed.");
            }
        }
        assertUnchanged(db);
        assertThat(db.value("SELECT count(*) FROM db_migrate_audit")).isEqualTo(audited);
    }
}
