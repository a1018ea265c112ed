package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Secret;
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
 * A role without a privilege gets PERMISSION and the grant to ask for, not a bare SQL state; and files that would never
 * run, or folders that do not exist, are said rather than read as "nothing to do".
 */
@ExtendWith(PostgresExtension.class)
class PermissionsAndFilesTest {
    private static final String LIMITED_PASSWORD = "limited-Pw-7731";

    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    /** A login role of its own per database (roles are per server), with CONNECT and nothing more. */
    private static String limitedRole(TestDatabase db) throws Exception {
        String role = "lim_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD '" + LIMITED_PASSWORD + "'");
        db.execute("GRANT CONNECT ON DATABASE " + db.name() + " TO " + role);
        // PostgreSQL 14 lets everyone create in public; 15 and later do not: the same start on both
        db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        return role;
    }

    /** A table in a schema of its own (public must stay empty for a first upgrade) that the role may see, not own. */
    private static void ownedByOthers(TestDatabase db, String role) throws Exception {
        db.execute("CREATE SCHEMA other");
        db.execute("CREATE TABLE other.legacy (id int)");
        db.execute("GRANT USAGE ON SCHEMA other TO " + role);
    }

    private static MigrationRequest as(String role, TestDatabase db, Action action, String revision, Path dir) {
        ConnectionSettings settings = new ConnectionSettings(db.jdbcUrl(), role, Secret.of(LIMITED_PASSWORD), "--url",
                "");
        return Requests.on(db, action, dir).connection(settings).revision(revision).build();
    }

    private static void assertNoPassword(MigrationResult result) {
        assertThat(result.toString()).doesNotContain(LIMITED_PASSWORD).doesNotContain(PostgresExtension.PASSWORD);
    }

    @Test
    void shouldNameTheMissingSchemaPrivilegeWhenTheHistoryCannotBeCreated(TestDatabase db) throws Exception {
        String role = limitedRole(db);
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = engine.run(as(role, db, Action.UPGRADE, "", dir));

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo(ErrorKind.PERMISSION);
        assertThat(result.message()).isEqualTo("Permission denied for user '" + role + "': permission denied for"
                + " schema public. Grant what the statement needs as the owner of schema public, for example: GRANT"
                + " USAGE, CREATE ON SCHEMA public TO " + role + ";");
        assertThat(db.tables()).isEmpty();
        assertNoPassword(result);
    }

    @Test
    void shouldKeepTheScriptsMessageAndAddTheGrantWhenAMigrationLacksAPrivilege(TestDatabase db) throws Exception {
        String role = limitedRole(db);
        db.execute("GRANT CREATE ON SCHEMA public TO " + role);
        ownedByOthers(db, role);
        Path dir = Files.createDirectories(tmp.resolve("owned"));
        Files.writeString(dir.resolve("V1__mine.sql"), "CREATE TABLE mine (id int);\n");
        Files.writeString(dir.resolve("V2__touch_legacy.sql"), "CREATE TABLE more (id int);\n"
                + "ALTER TABLE other.legacy ADD COLUMN note text;\n");

        MigrationResult result = engine.run(as(role, db, Action.UPGRADE, "", dir));

        assertThat(result.error()).isEqualTo(ErrorKind.PERMISSION);
        assertThat(result.message()).isEqualTo("Migration V2__touch_legacy.sql failed: SQL state 42501 at line 2: must"
                + " be owner of table legacy. The database stays at revision 1. Only the owner of table legacy (or a"
                + " member of the owning role) may change it: run as that role, or grant it to " + role
                + " (GRANT owner_role TO " + role + ";).");
        assertThat(db.tables()).containsExactly("db_migrate_audit", "flyway_schema_history", "mine");
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'legacy'"))
                .containsExactly("id");
    }

    @Test
    void shouldSayAnUndoScriptLacksAPrivilegeAndRollBack(TestDatabase db) throws Exception {
        String role = limitedRole(db);
        db.execute("GRANT CREATE ON SCHEMA public TO " + role);
        ownedByOthers(db, role);
        Path dir = Files.createDirectories(tmp.resolve("undo"));
        Files.writeString(dir.resolve("V1__mine.sql"), "CREATE TABLE mine (id int);\n");
        Files.writeString(dir.resolve("U1__mine.sql"), "DROP TABLE mine;\nDROP TABLE other.legacy;\n");
        assertThat(engine.run(as(role, db, Action.UPGRADE, "", dir)).success()).isTrue();

        MigrationResult result = engine.run(as(role, db, Action.DOWNGRADE, "base", dir));

        assertThat(result.error()).isEqualTo(ErrorKind.PERMISSION);
        assertThat(result.message()).startsWith("Undo script U1__mine.sql failed: SQL state 42501 at line 2: must be"
                + " owner of table legacy. Everything was rolled back; the database stays at revision 1.")
                .endsWith(" Only the owner of table legacy (or a member of the owning role) may change it: run as"
                        + " that role, or grant it to " + role + " (GRANT owner_role TO " + role + ";).");
        assertThat(db.tables()).containsExactly("db_migrate_audit", "flyway_schema_history", "mine");
        assertThat(db.historyVersions()).containsExactly("1");
    }

    @Test
    void shouldSayVerifyNeedsCreatedbUnderPermissionNotConnection(TestDatabase db) throws Exception {
        String role = limitedRole(db);
        db.execute("GRANT CREATE ON SCHEMA public TO " + role);
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = engine.run(as(role, db, Action.VERIFY, "", dir));

        assertThat(result.error()).isEqualTo(ErrorKind.PERMISSION);
        assertThat(result.message()).isEqualTo("verify needs a scratch database on the same server and could not"
                + " create one (permission denied to create database). Let the role create databases: ALTER ROLE "
                + role + " CREATEDB; (as a superuser).");
        assertThat(db.tables()).isEmpty();
        assertNoPassword(result);
    }

    @Test
    void shouldRefuseInfoAndCurrentWhenTheLocationDoesNotExist(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        assertThat(engine.run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
        Path missing = tmp.resolve("no-such-folder");

        for (Action action : List.of(Action.INFO, Action.CURRENT)) {
            MigrationResult result = engine.run(Requests.of(db, action, "", missing));

            assertThat(result.success()).as(action.id()).isFalse();
            assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(result.message()).isEqualTo("Migration location " + missing + " does not exist. Pass"
                    + " --locations with the folder that holds your V<version>__<description>.sql files.");
        }
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldWarnAboutFilesThatWillNeverRunAndStillValidate(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        Files.writeString(dir.resolve("V4_add_index.sql"), "CREATE INDEX ON tasks (title);\n");
        Files.writeString(dir.resolve("v5__lower_case.sql"), "SELECT 1;\n");
        Files.writeString(dir.resolve("U9__nothing.sql"), "SELECT 1;\n");
        Files.writeString(dir.resolve("afterMigrate.sql"), "SELECT 1;\n");
        Files.writeString(dir.resolve("beforeEachMigrate__log.sql"), "SELECT 1;\n");
        Files.writeString(dir.resolve("notes.txt"), "not SQL\n");
        assertThat(engine.run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();

        MigrationResult result = engine.run(Requests.of(db, Action.VALIDATE, "", dir));

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Validated 3 migration(s): every applied migration matches its file and"
                + " has an undo script. 3 file(s) will never run (listed in warnings).");
        String howToName = " is not a migration name, so Flyway skips it without a word: name it"
                + " V<version>__<description>.sql (two underscores), U<version>__<description>.sql for its undo script,"
                + " or R__<description>.sql for a repeatable.";
        assertThat(result.warnings()).containsExactly(
                "V4_add_index.sql in " + dir + howToName,
                "v5__lower_case.sql in " + dir + howToName,
                "U9__nothing.sql undoes V9, which is neither a migration file nor in the history, so no downgrade will"
                        + " run it: rename it to the version it undoes, or delete it.");
        assertThat(db.column("SELECT indexname FROM pg_indexes WHERE tablename = 'tasks'")).containsExactly("tasks_pkey");
    }

    @Test
    void shouldRunAndUndoScriptsNamedAsFlywayAllowsWithoutADescriptionOrInUpperCase(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        Files.writeString(dir.resolve("V4.sql"), "CREATE TABLE labels (id int PRIMARY KEY);\n");
        Files.writeString(dir.resolve("U4.sql"), "DROP TABLE labels;\n");
        Files.writeString(dir.resolve("V5__tags.SQL"), "CREATE TABLE tags (id int PRIMARY KEY);\n");
        Files.writeString(dir.resolve("U5__tags.SQL"), "DROP TABLE tags;\n");
        assertThat(engine.run(Requests.of(db, Action.UPGRADE, "", dir)).currentRevision()).isEqualTo("5");

        MigrationResult validated = engine.run(Requests.of(db, Action.VALIDATE, "", dir));
        MigrationResult downgraded = engine.run(Requests.of(db, Action.DOWNGRADE, "3", dir));

        assertThat(validated.success()).as(validated.message()).isTrue();
        assertThat(validated.warnings()).isEmpty();
        assertThat(downgraded.success()).as(downgraded.message()).isTrue();
        assertThat(downgraded.currentRevision()).isEqualTo("3");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
        assertThat(db.tables()).doesNotContain("labels", "tags").contains("tasks", "users");
    }
}
