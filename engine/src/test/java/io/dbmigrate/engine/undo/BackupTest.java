package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("matrix")
@ExtendWith(PostgresExtension.class)
class BackupTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private Path atHeadWithData(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("backups", tmp);
        engine.run(Requests.of(db, Action.UPGRADE, "", dir));
        db.execute("INSERT INTO teams (id, name) VALUES (1, 'core'), (2, 'web');"
                + "INSERT INTO users (id, email, team_id, nickname) VALUES (10, 'a@example.com', 1, 'ann'),"
                + " (11, 'b@example.com', 2, 'bob'), (12, 'c@example.com', NULL, NULL)");
        return dir;
    }

    private MigrationResult downgrade(TestDatabase db, String revision, Path dir, boolean backups) {
        return engine.run(Requests.on(db, Action.DOWNGRADE, dir).revision(revision).backups(backups).build());
    }

    @Test
    void shouldKeepADroppedColumnWithThePrimaryKey(TestDatabase db) throws Exception {
        Path dir = atHeadWithData(db);

        MigrationResult result = downgrade(db, "2", dir, true);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.backups()).singleElement().satisfies(b -> {
            assertThat(b.source()).isEqualTo("public.users.nickname");
            assertThat(b.table()).matches("db_migrate_backup\\.v3_users_nickname_[0-9a-f]{8}");
            assertThat(b.rows()).isEqualTo(3);
        });
        String backup = result.backups().get(0).table();
        assertThat(db.column("SELECT id || ':' || coalesce(nickname, '-') FROM " + backup + " ORDER BY id"))
                .containsExactly("10:ann", "11:bob", "12:-");
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"))
                .doesNotContain("nickname");
    }

    @Test
    void shouldKeepColumnsOfATypeTheSameUndoDropsAsText(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("backups-enum", tmp);
        engine.run(Requests.of(db, Action.UPGRADE, "", dir));
        db.execute("INSERT INTO diary VALUES (1, 'happy', '{happy,sad}'), (2, 'sad', NULL)");

        MigrationResult result = downgrade(db, "base", dir, true);

        assertThat(result.success()).as(result.message()).isTrue();
        String backup = result.backups().get(0).table();
        assertThat(db.column("SELECT id || ':' || mood || ':' || coalesce(moods, '-') FROM " + backup + " ORDER BY id"))
                .containsExactly("1:happy:{happy,sad}", "2:sad:-");
        assertThat(db.value("SELECT count(*) FROM pg_type WHERE typname = 'mood'")).isEqualTo("0");
    }

    @Test
    void shouldKeepADroppedTableThatOtherRowsPointedAt(TestDatabase db) throws Exception {
        Path dir = atHeadWithData(db);

        MigrationResult result = downgrade(db, "1", dir, true);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.backups()).extracting(BackupTable::source, BackupTable::rows).containsExactly(
                org.assertj.core.groups.Tuple.tuple("public.users.nickname", 3L),
                org.assertj.core.groups.Tuple.tuple("public.users.team_id", 3L),
                org.assertj.core.groups.Tuple.tuple("public.teams", 2L));
        String teamIds = result.backups().get(1).table();
        String teams = result.backups().get(2).table();
        assertThat(db.column("SELECT id || ':' || name FROM " + teams + " ORDER BY id")).containsExactly("1:core", "2:web");
        assertThat(db.column("SELECT id || ':' || coalesce(team_id::text, '-') FROM " + teamIds + " ORDER BY id"))
                .containsExactly("10:1", "11:2", "12:-");
        assertThat(db.tables()).doesNotContain("teams");
        assertThat(db.column("SELECT email FROM users ORDER BY id"))
                .containsExactly("a@example.com", "b@example.com", "c@example.com");
    }

    @Test
    void shouldListBackupsInInfoAndKeepThemWhenTheMigrationIsReapplied(TestDatabase db) throws Exception {
        Path dir = atHeadWithData(db);
        downgrade(db, "2", dir, true);
        engine.run(Requests.of(db, Action.UPGRADE, "", dir));

        MigrationResult info = engine.run(Requests.of(db, Action.INFO, "", dir));

        assertThat(info.backups()).singleElement().satisfies(b -> assertThat(b.rows()).isEqualTo(3));
    }

    @Test
    void shouldRollBackEverythingWhenTheBackupItselfFails(TestDatabase db) throws Exception {
        Path dir = atHeadWithData(db);
        List<String> before = db.fingerprint();
        db.execute("CREATE FUNCTION refuse_backup() RETURNS event_trigger LANGUAGE plpgsql AS $$"
                + " BEGIN RAISE EXCEPTION 'backups refused here'; END $$;"
                + "CREATE EVENT TRIGGER refuse_backup ON ddl_command_end WHEN TAG IN ('CREATE TABLE AS')"
                + " EXECUTE FUNCTION refuse_backup()");

        MigrationResult result = downgrade(db, "base", dir, true);

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(result.message()).isEqualTo("Backing up what U3__add_nickname.sql drops failed: SQL state P0001:"
                + " backups refused here. Everything was rolled back; the database stays at revision 4.");
        assertThat(db.fingerprint()).isEqualTo(before);
        assertThat(db.historyVersions()).containsExactly("1", "2", "3", "4");
        assertThat(db.column("SELECT nickname FROM users WHERE id = 10")).containsExactly("ann");
    }

    @Test
    void shouldSayWhatIsLostWithoutBackups(TestDatabase db) throws Exception {
        Path dir = atHeadWithData(db);

        MigrationResult result = downgrade(db, "2", dir, false);

        assertThat(result.success()).isTrue();
        assertThat(result.backups()).isEmpty();
        assertThat(result.warnings()).containsExactly(
                "Not backed up (--no-backup): DS103 U3__add_nickname.sql:1: Dropping column users.nickname");
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'db_migrate_backup'")).isEqualTo("0");
    }

    @Test
    void shouldNotProbeAnUndoScriptThatDropsNoData(TestDatabase db) throws Exception {
        Path dir = atHeadWithData(db);

        MigrationResult result = downgrade(db, "3", dir, true);

        assertThat(result.success()).isTrue();
        assertThat(result.backups()).isEmpty();
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'db_migrate_backup'")).isEqualTo("0");
    }

    @Test
    void shouldFindWhatAScriptDropsUnderAnotherNameByProbingIt(TestDatabase db) throws Exception {
        Path dir = tmp.resolve("renamed");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("V1__create_users.sql"),
                "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL);\n");
        java.nio.file.Files.writeString(dir.resolve("U1__create_users.sql"),
                "ALTER TABLE users RENAME TO old_users;\nDROP TABLE old_users;\n");
        engine.run(Requests.of(db, Action.UPGRADE, "", dir));
        db.execute("INSERT INTO users (email) VALUES ('a@example.com'), ('b@example.com')");

        MigrationResult result = downgrade(db, "base", dir, true);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.backups()).extracting(BackupTable::source, BackupTable::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("public.users", 2L));
        assertThat(db.column("SELECT email FROM " + result.backups().get(0).table() + " ORDER BY id"))
                .containsExactly("a@example.com", "b@example.com");
    }
}
