package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.api.StepState;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CreateUndoTest {
    @TempDir
    Path tmp;

    private static final String USERS = "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, name text);\n"
            + "CREATE INDEX users_email_idx ON users (email);\n";
    private static final String SCRATCH_DATABASES = "SELECT count(*) FROM pg_database WHERE datname LIKE 'dbm_undo_%'";

    @Test
    void shouldTakeRenamesBackAsRenames(TestDatabase db, TestDatabase user) throws Exception {
        UndoProject project = UndoProject.of(tmp, USERS,
                "ALTER TABLE users RENAME TO people;\n"
                        + "ALTER TABLE people RENAME COLUMN email TO mail;\n"
                        + "ALTER INDEX users_email_idx RENAME TO people_mail_idx;\n"
                        + "ALTER TABLE people RENAME CONSTRAINT users_pkey TO people_pkey;\n"
                        + "ALTER SEQUENCE users_id_seq RENAME TO people_id_seq;\n");

        MigrationResult result = project.createUndo(db, "2");

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(project.statements("U2")).containsExactly(
                "ALTER TABLE people RENAME COLUMN mail TO email;",
                "ALTER TABLE people RENAME CONSTRAINT people_pkey TO users_pkey;",
                "ALTER INDEX people_mail_idx RENAME TO users_email_idx;",
                "ALTER TABLE people RENAME TO users;",
                "ALTER SEQUENCE people_id_seq RENAME TO users_id_seq;");
        assertThat(project.files()).containsExactly("U2__step_2.sql", "V1__step_1.sql", "V2__step_2.sql");
        MigrationResult up = project.run(user, Action.UPGRADE, "1");
        assertThat(up.success()).isTrue();
        user.execute("INSERT INTO users (email) VALUES ('kept@example.com')");
        MigrationResult upgraded = project.run(user, Action.UPGRADE, "2");
        assertThat(upgraded.success()).as(upgraded.message()).isTrue();
        // V1 has no undo script, so only V2 can be reversed: the rows stay where they were, under the old names
        MigrationResult down = project.run(user, Action.DOWNGRADE, "1");
        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(user.column("SELECT email FROM users")).containsExactly("kept@example.com");
        assertThat(down.backups()).isEmpty();
    }

    @Test
    void shouldListADataOnlyMigrationWithItsReasonAndWriteNothingForIt(TestDatabase db) throws Exception {
        UndoProject project = UndoProject.of(tmp, USERS,
                "INSERT INTO users (email) VALUES ('admin@example.com');\n",
                "UPDATE users SET name = 'Admin' WHERE email = 'admin@example.com';\n",
                "ALTER TABLE users ADD COLUMN active boolean;\nUPDATE users SET active = true;\n");

        MigrationResult result = project.createUndo(db);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Wrote 2 undo script(s), each proven on a scratch database; 2 V script(s)"
                + " left without one, with the reason in warnings (validate and info show them as irreversible).");
        assertThat(result.warnings()).containsExactly(
                "V2__step_2.sql: no undo script written: insert of rows in public.users (line 1), a table that exists"
                        + " before it",
                "V3__step_3.sql: no undo script written: update of rows in public.users (line 1), a table that exists"
                        + " before it");
        assertThat(result.migrations()).extracting(MigrationStep::script, step -> step.state().label()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("U1__step_1.sql", "CREATED"),
                org.assertj.core.groups.Tuple.tuple("V2__step_2.sql", "IRREVERSIBLE"),
                org.assertj.core.groups.Tuple.tuple("V3__step_3.sql", "IRREVERSIBLE"),
                org.assertj.core.groups.Tuple.tuple("U4__step_4.sql", "CREATED"));
        assertThat(project.files()).containsExactly("U1__step_1.sql", "U4__step_4.sql", "V1__step_1.sql",
                "V2__step_2.sql", "V3__step_3.sql", "V4__step_4.sql");
        assertThat(project.statements("U4")).containsExactly("ALTER TABLE users DROP COLUMN active;");
        MigrationResult info = project.run(db, Action.INFO, "");
        assertThat(info.migrations()).extracting(MigrationStep::reversible).containsExactly(true, false, false, true);
        assertThat(db.value(SCRATCH_DATABASES)).isEqualTo("0");
    }

    @Test
    void shouldDeleteConstantRowsInsertedByKeyIntoATableThatExistedBefore(TestDatabase db, TestDatabase user)
            throws Exception {
        UndoProject project = UndoProject.of(tmp,
                "CREATE TABLE groups (id varchar(36) PRIMARY KEY, name text NOT NULL, added timestamptz);\n"
                        + "CREATE TABLE members (group_id varchar(36), zone text, PRIMARY KEY (group_id, zone));\n",
                "INSERT INTO groups (id, name, added) VALUES ('g1', 'admins', CURRENT_TIMESTAMP), ('g2', 'users', NULL);\n"
                        + "INSERT INTO members VALUES ('g1', 'uaa');\n",
                "INSERT INTO groups (id, name) VALUES (lower('G3'), 'computed');\n");

        MigrationResult result = project.createUndo(db, "2", "3");

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(project.statements("U2")).containsExactly(
                "DELETE FROM members WHERE (group_id, zone) IN (('g1', 'uaa'));",
                "DELETE FROM groups WHERE id IN ('g1', 'g2');");
        assertThat(result.warnings()).containsExactly("V3__step_3.sql: no undo script written: insert of rows in"
                + " public.groups (line 1), a table that exists before it");
        MigrationResult up = project.run(user, Action.UPGRADE, "1");
        assertThat(up.success()).as(up.message()).isTrue();
        user.execute("INSERT INTO groups VALUES ('mine', 'kept', NULL)");
        assertThat(project.run(user, Action.UPGRADE, "2").success()).isTrue();
        MigrationResult down = project.run(user, Action.DOWNGRADE, "1");
        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(user.column("SELECT id FROM groups")).containsExactly("mine");
        assertThat(user.column("SELECT count(*) FROM members")).containsExactly("0");
    }

    @Test
    void shouldWriteFunctionsAndTriggersBackFromTheCatalog(TestDatabase db, TestDatabase user) throws Exception {
        UndoProject project = UndoProject.of(tmp, USERS
                        + "ALTER TABLE users ADD COLUMN updated_at timestamptz;\n"
                        + "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now();"
                        + " RETURN NEW; END $$;\n",
                "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " NEW.updated_at = clock_timestamp(); RETURN NEW; END $$;\n"
                        + "CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
                        + "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();\n"
                        + "CREATE TRIGGER users_audit AFTER INSERT ON users FOR EACH ROW WHEN (NEW.name IS NOT NULL)"
                        + " EXECUTE FUNCTION audit_row();\n");

        MigrationResult result = project.createUndo(db, "2");

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.warnings()).isEmpty();
        List<String> undo = project.statements("U2");
        assertThat(undo.get(0)).isEqualTo("DROP TRIGGER users_audit ON users;");
        assertThat(undo.get(1)).isEqualTo("DROP TRIGGER users_touch ON users;");
        assertThat(String.join("\n", undo)).contains("CREATE OR REPLACE FUNCTION public.touch()",
                "NEW.updated_at = now()");
        assertThat(undo.get(undo.size() - 1)).isEqualTo("DROP ROUTINE audit_row();");
        Files.writeString(project.migrations.resolve("U1__step_1.sql"),
                "DROP FUNCTION touch();\nDROP TABLE users;\n");
        project.assertRoundTrip(user, 2);
    }

    @Test
    void shouldPrintTheScriptsOnADryRunAndWriteNothing(TestDatabase db) throws Exception {
        UndoProject project = UndoProject.of(tmp, USERS, "ALTER TABLE users ADD COLUMN age integer;\n");

        MigrationResult result = new io.dbmigrate.engine.MigrationEngine().run(project.request(db, Action.CREATE)
                .undo(true, List.of("2")).dryRun(true).build());

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Dry run: would write 1 undo script(s), each proven on a scratch"
                + " database. Nothing was written.");
        assertThat(result.migrations()).singleElement().satisfies(step -> {
            assertThat(step.script()).isEqualTo("U2__step_2.sql");
            assertThat(step.state()).isEqualTo(StepState.PLANNED);
            assertThat(step.sql()).endsWith("\nALTER TABLE users DROP COLUMN age;\n");
        });
        assertThat(project.files()).containsExactly("V1__step_1.sql", "V2__step_2.sql");
    }

    @Test
    void shouldNeverOverwriteAnUndoScriptAndRefuseAnUnknownVersion(TestDatabase db) throws Exception {
        UndoProject project = UndoProject.of(tmp, USERS, "ALTER TABLE users ADD COLUMN age integer;\n");
        Files.writeString(project.migrations.resolve("U2__mine.sql"), "ALTER TABLE users DROP COLUMN age;\n");

        MigrationResult kept = project.createUndo(db, "2");
        MigrationResult unknown = project.createUndo(db, "7");

        assertThat(kept.success()).isTrue();
        assertThat(kept.message()).isEqualTo("Every V script has an undo script: nothing to write.");
        assertThat(kept.warnings()).containsExactly("V2__step_2.sql: left as it is: U2__mine.sql exists (create --undo"
                + " never overwrites)");
        assertThat(Files.readString(project.migrations.resolve("U2__mine.sql")))
                .isEqualTo("ALTER TABLE users DROP COLUMN age;\n");
        assertThat(unknown.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(unknown.message()).isEqualTo("Cannot write an undo script for V7: no V script of that version."
                + " Known versions: 1, 2.");
    }

    @Test
    void shouldListAMigrationThatDropsDataOrChangesWhatTheUndoCannotWrite(TestDatabase db) throws Exception {
        UndoProject project = UndoProject.of(tmp, USERS,
                "ALTER TABLE users DROP COLUMN name;\n",
                "ALTER TABLE users ALTER COLUMN email TYPE varchar(20);\n",
                "ALTER TABLE users ALTER COLUMN email SET STORAGE EXTERNAL;\n",
                "CREATE TABLE logins (id bigint PRIMARY KEY);\n"
                        + "CREATE FUNCTION count_login() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " UPDATE users SET email = lower(email); RETURN NEW; END $$;\n"
                        + "CREATE TRIGGER logins_count AFTER INSERT ON logins FOR EACH ROW EXECUTE FUNCTION"
                        + " count_login();\n"
                        + "INSERT INTO logins VALUES (1);\n");

        MigrationResult result = project.createUndo(db, "2", "3", "4", "5");

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.warnings()).hasSize(4);
        assertThat(result.warnings().get(3)).isEqualTo("V5__step_5.sql: no undo script written: insert of rows in"
                + " public.logins (line 4), whose triggers may change other tables");
        assertThat(result.warnings().get(0)).isEqualTo("V2__step_2.sql: no undo script written: drops column"
                + " public.users.name, whose values cannot come back");
        assertThat(result.warnings().get(1)).isEqualTo("V3__step_3.sql: no undo script written: changes column"
                + " public.users.email from text to character varying(20), which can change values");
        assertThat(result.warnings().get(2)).startsWith("V4__step_4.sql: no undo script written: the generated"
                + " U4__step_4.sql does not give back the schema before it (before → after undo): column options"
                + " public.users.email: ");
        assertThat(project.files()).containsExactly("V1__step_1.sql", "V2__step_2.sql", "V3__step_3.sql",
                "V4__step_4.sql", "V5__step_5.sql");
    }

    @Test
    void shouldDropPartitionsBeforeTheTableTheyBelongTo(TestDatabase db, TestDatabase user) throws Exception {
        UndoProject project = UndoProject.of(tmp, USERS,
                "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);\n"
                        + "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n",
                "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n");

        MigrationResult result = project.createUndo(db, "2", "3");

        assertThat(result.warnings()).isEmpty();
        assertThat(project.statements("U2")).containsExactly("DROP TABLE events_2024;", "DROP TABLE events;");
        assertThat(project.statements("U3")).containsExactly("DROP TABLE events_2025;");
        Files.writeString(project.migrations.resolve("U1__step_1.sql"), "DROP TABLE users;\n");
        project.assertRoundTrip(user, 3);
        assertThat(project.run(user, Action.DOWNGRADE, "base").success()).isTrue();
        project.assertRoundTrip(user, 2);
    }

    @Test
    void shouldDropAnIndexConcurrentlyOnlyWhenItsMigrationRunsOutsideATransaction(TestDatabase db, TestDatabase user)
            throws Exception {
        UndoProject project = UndoProject.of(tmp, USERS,
                "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n",
                "CREATE INDEX CONCURRENTLY users_lower_name_idx ON users (lower(name));\n");
        Files.writeString(project.migrations.resolve("V3__step_3.sql.conf"), "executeInTransaction=false\n");

        MigrationResult result = project.createUndo(db, "2", "3");

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(project.statements("U2")).containsExactly("DROP INDEX users_name_idx;");
        assertThat(project.statements("U3")).containsExactly("DROP INDEX CONCURRENTLY users_lower_name_idx;");
        assertThat(project.script("U3")).startsWith("-- Undo of V3__step_3.sql, generated by db-migrate create --undo."
                + " Runs outside a transaction, as its V does (U3__step_3.sql.conf), so it can only be the last step of"
                + " a downgrade.\n");
        assertThat(Files.readString(project.migrations.resolve("U3__step_3.sql.conf")))
                .isEqualTo("executeInTransaction=false\n");
        assertThat(project.files()).doesNotContain("U2__step_2.sql.conf");
        Files.writeString(project.migrations.resolve("U1__step_1.sql"), "DROP TABLE users;\n");
        project.assertRoundTrip(user, 3);
    }

    @Test
    void shouldWriteEachUndoForItsMigrationAloneAndCascadeWhatRepeatablesStandOn(TestDatabase db) throws Exception {
        UndoProject project = UndoProject.of(tmp, USERS, "ALTER TABLE users ADD COLUMN age integer;\n");
        Files.writeString(project.migrations.resolve("R__user_emails.sql"),
                "CREATE OR REPLACE VIEW user_emails AS SELECT id, email FROM users;\n");

        MigrationResult result = project.createUndo(db);
        MigrationResult verified = project.run(db, Action.VERIFY, "");

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.warnings()).isEmpty();
        // the repeatable's view stands on users, not on age
        assertThat(project.statements("U1")).containsExactly("DROP TABLE users CASCADE;");
        assertThat(project.statements("U2")).containsExactly("ALTER TABLE users DROP COLUMN age;");
        // so verify's round trip of the repeatables through base succeeds
        assertThat(verified.success()).as(verified.message()).isTrue();
        // without every undo script there is no downgrade to base, so the repeatables' round trip is left out
        Files.delete(project.migrations.resolve("U1__step_1.sql"));
        MigrationResult allowing = new io.dbmigrate.engine.MigrationEngine().run(project.request(db, Action.VERIFY)
                .allowIrreversible(true).build());
        assertThat(allowing.message()).isEqualTo("Verified 1 migration(s) up to revision 2: each undo script restores"
                + " the schema exactly, and re-applying gives the same schema. 1 migration(s) without an undo script"
                + " were applied and not verified (listed in warnings).");
    }

    @Test
    void shouldStopAtAMigrationThatFailsOnTheScratchDatabaseAndKeepWhatItWrote(TestDatabase db) throws Exception {
        UndoProject project = UndoProject.of(tmp, USERS, "ALTER TABLE nope ADD COLUMN x integer;\n",
                "ALTER TABLE users ADD COLUMN age integer;\n");

        MigrationResult result = project.createUndo(db);

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(result.message()).startsWith("create --undo stopped at V2__step_2.sql: it fails on a scratch"
                + " database, so it and the V scripts after it cannot be proven: Migration V2__step_2.sql failed:")
                .endsWith(" The 1 undo script(s) written before it are proven and stay.");
        assertThat(project.files()).containsExactly("U1__step_1.sql", "V1__step_1.sql", "V2__step_2.sql",
                "V3__step_3.sql");
        assertThat(db.value(SCRATCH_DATABASES)).isEqualTo("0");
    }

    @Test
    void shouldRefuseUndoOutsideCreateAndWithASchemaFileBeforeConnecting() {
        io.dbmigrate.engine.MigrationEngine engine = new io.dbmigrate.engine.MigrationEngine();

        MigrationResult upgrade = engine.run(io.dbmigrate.engine.api.MigrationRequest.builder(Action.UPGRADE)
                .undo(true, List.of()).build());
        MigrationResult both = engine.run(io.dbmigrate.engine.api.MigrationRequest.builder(Action.CREATE)
                .undo(true, List.of()).autogenerateFrom("schema.sql").description("x").build());

        assertThat(upgrade.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(upgrade.message()).isEqualTo("--undo is for create (got 'upgrade').");
        assertThat(both.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(both.message()).isEqualTo("--undo and --autogenerate do not go together: --undo writes undo scripts"
                + " for existing V scripts.");
    }
}
