package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.OnConflict;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Secret;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.history.HistoryTable;
import io.dbmigrate.engine.lock.MigrationLock;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.NoPassword;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Getting data back: a downgrade keeps it, a fixed re-upgrade brings its place back, restore puts it there. */
@Tag("matrix")
@ExtendWith(PostgresExtension.class)
class BackupRestoreTest {
    private final MigrationEngine engine = new MigrationEngine();
    private final List<MigrationResult> results = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void shouldNeverShowThePassword() {
        results.forEach(NoPassword::in);
    }

    private MigrationResult run(MigrationRequest request) {
        MigrationResult result = engine.run(request);
        results.add(result);
        return result;
    }

    private MigrationResult restore(TestDatabase db, Path dir, OnConflict onConflict, boolean dryRun, String... names) {
        return run(Requests.on(db, Action.RESTORE, dir).onConflict(onConflict).dryRun(dryRun)
                .backupNames(List.of(names)).build());
    }

    /** The backups fixture at head, with users (nickname, team) and teams, then downgraded to {@code revision}. */
    private Path downgradedWithData(TestDatabase db, String revision) throws Exception {
        Path dir = Fixtures.copy("backups", tmp);
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
        db.execute("INSERT INTO teams (id, name) VALUES (1, 'core'), (2, 'web');"
                + "INSERT INTO users (id, email, team_id, nickname) VALUES (10, 'a@example.com', 1, 'ann'),"
                + " (11, 'b@example.com', 2, 'bob'), (12, 'c@example.com', NULL, NULL)");
        MigrationResult down = run(Requests.on(db, Action.DOWNGRADE, dir).revision(revision).build());
        assertThat(down.success()).as(down.message()).isTrue();
        return dir;
    }

    /** A migration folder of the given files, name then content. */
    private Path scripts(String... files) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("scripts"));
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(dir.resolve(files[i]), files[i + 1]);
        }
        return dir;
    }

    /** Down to {@code revision} (the rows are kept) and up again: what is dropped exists again, without its data. */
    private void downAndUp(TestDatabase db, Path dir, String revision) {
        MigrationResult down = run(Requests.on(db, Action.DOWNGRADE, dir).revision(revision).build());
        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
    }

    /** A login role of its own per database (roles are per server) that may read the backups and the history. */
    private static MigrationRequest.Builder asRole(TestDatabase db, Path dir, String role) throws Exception {
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'restore-Pw-1'; GRANT CONNECT ON DATABASE " + db.name()
                + " TO " + role + "; GRANT USAGE ON SCHEMA db_migrate_backup TO " + role + "; GRANT SELECT, UPDATE ON"
                + " ALL TABLES IN SCHEMA db_migrate_backup TO " + role + "; GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA"
                + " public TO " + role + "; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + role);
        return Requests.on(db, Action.RESTORE, dir).connection(new ConnectionSettings(db.jdbcUrl(), role,
                Secret.of("restore-Pw-1"), "--url", ""));
    }

    @Test
    void shouldLeaveGeneratedColumnsToTheServerInADryRunAndARealOne(TestDatabase db) throws Exception {
        Path dir = scripts("V1__items.sql", "CREATE TABLE items (id int PRIMARY KEY, price numeric, qty int,"
                        + " total numeric GENERATED ALWAYS AS (price * qty) STORED);\n",
                "U1__items.sql", "DROP TABLE items;\n",
                "V2__discount.sql", "ALTER TABLE items ADD COLUMN discounted numeric GENERATED ALWAYS AS (price * 0.9)"
                        + " STORED, ADD COLUMN note text;\n",
                "U2__discount.sql", "ALTER TABLE items DROP COLUMN discounted, DROP COLUMN note;\n");
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
        db.execute("INSERT INTO items (id, price, qty, note) VALUES (1, 2.50, 4, 'a'), (2, 10, 3, 'b')");
        downAndUp(db, dir, "base");

        MigrationResult dryRun = restore(db, dir, OnConflict.REFUSE, true);
        MigrationResult result = restore(db, dir, OnConflict.REFUSE, false);

        assertThat(dryRun.success()).as(dryRun.message()).isTrue();
        assertThat(dryRun.message()).isEqualTo("Dry run: would restore 2 backup(s), 4 row(s). Nothing was changed.");
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Restored 2 backup(s), 4 row(s).");
        assertThat(result.warnings()).isEqualTo(dryRun.warnings());
        assertThat(db.column("SELECT concat_ws(':', id, price, qty, total, discounted, note) FROM items ORDER BY id"))
                .containsExactly("1:2.50:4:10.00:2.250:a", "2:10:3:30:9.0:b");
    }

    @Test
    void shouldPutRowsBackWithoutFiringTheTablesTriggersAndLeaveThemAsTheyWere(TestDatabase db) throws Exception {
        Path dir = scripts("V1__authors.sql", "CREATE TABLE authors (id int PRIMARY KEY);\n",
                "U1__authors.sql", "DROP TABLE authors;\n",
                "V2__docs.sql", "CREATE TABLE docs (id int PRIMARY KEY, author_id int REFERENCES authors, title text,"
                        + " updated_at timestamptz);\n"
                        + "CREATE TABLE docs_log (doc_id int);\n"
                        + "CREATE FUNCTION docs_touch() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;\n"
                        + "CREATE FUNCTION docs_log() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN INSERT INTO docs_log VALUES (NEW.id); RETURN NEW; END $$;\n"
                        + "CREATE TRIGGER docs_touch BEFORE INSERT OR UPDATE ON docs FOR EACH ROW EXECUTE FUNCTION"
                        + " docs_touch();\n"
                        + "CREATE TRIGGER docs_log AFTER INSERT ON docs FOR EACH ROW EXECUTE FUNCTION docs_log();\n"
                        + "CREATE TRIGGER docs_off AFTER INSERT ON docs FOR EACH ROW EXECUTE FUNCTION docs_log();\n"
                        + "ALTER TABLE docs ENABLE ALWAYS TRIGGER docs_log, DISABLE TRIGGER docs_off;\n",
                "U2__docs.sql", "DROP TABLE docs, docs_log;\nDROP FUNCTION docs_touch(), docs_log();\n");
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
        db.execute("INSERT INTO authors VALUES (1); ALTER TABLE docs DISABLE TRIGGER USER;"
                + " INSERT INTO docs VALUES (1, 1, 'a', '2020-01-01 10:00+00'), (2, NULL, 'b', '2021-06-30 12:00+00')");
        downAndUp(db, dir, "base");
        String triggers = "SELECT tgname || ':' || tgenabled::text FROM pg_trigger WHERE tgrelid = 'docs'::regclass"
                + " AND NOT tgisinternal ORDER BY 1";
        assertThat(db.column(triggers)).containsExactly("docs_log:A", "docs_off:D", "docs_touch:O");
        String docs = run(Requests.of(db, Action.BACKUPS, "", dir)).backups().stream()
                .filter(b -> b.source().equals("public.docs")).findFirst().orElseThrow().name();

        // foreign keys are checked by system triggers, which keep firing: a doc whose author is not back is refused
        MigrationResult orphan = restore(db, dir, OnConflict.REFUSE, false, docs);
        assertThat(orphan.error()).as(orphan.message()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(orphan.message()).contains("docs_author_id_fkey");
        assertThat(db.value("SELECT count(*) FROM docs")).isEqualTo("0");
        assertThat(db.column(triggers)).containsExactly("docs_log:A", "docs_off:D", "docs_touch:O");

        MigrationResult result = restore(db, dir, OnConflict.REFUSE, false);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Restored 2 backup(s), 3 row(s).");
        assertThat(db.column("SELECT id || ':' || title || ':' || to_char(updated_at AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD HH24:MI') FROM docs ORDER BY id")).containsExactly("1:a:2020-01-01 10:00",
                "2:b:2021-06-30 12:00");
        assertThat(db.value("SELECT count(*) FROM docs_log")).isEqualTo("0");
        assertThat(db.column(triggers)).containsExactly("docs_log:A", "docs_off:D", "docs_touch:O");
        db.execute("INSERT INTO docs (id, title) VALUES (3, 'c')");
        assertThat(db.value("SELECT count(*) FROM docs_log")).isEqualTo("1");
        assertThat(db.value("SELECT updated_at IS NOT NULL FROM docs WHERE id = 3")).isEqualTo("t");
    }

    @Test
    void shouldRefuseToRestoreWithTriggersFiringWhenTheUserMayNotSwitchThemOff(TestDatabase db) throws Exception {
        Path dir = scripts("V1__docs.sql", "CREATE TABLE docs (id int PRIMARY KEY, updated_at timestamptz);\n"
                        + "CREATE FUNCTION docs_touch() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;\n"
                        + "CREATE TRIGGER docs_touch BEFORE INSERT ON docs FOR EACH ROW EXECUTE FUNCTION docs_touch();\n",
                "U1__docs.sql", "DROP TABLE docs;\nDROP FUNCTION docs_touch();\n");
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
        db.execute("INSERT INTO docs VALUES (1)");
        downAndUp(db, dir, "base");
        String role = "rst_" + db.name();
        String name = run(Requests.of(db, Action.BACKUPS, "", dir)).backups().get(0).name();

        MigrationResult result = run(asRole(db, dir, role).build());

        assertThat(result.error()).isEqualTo(ErrorKind.PERMISSION);
        assertThat(result.message()).isEqualTo("Cannot restore " + name + ": public.docs has user triggers (docs_touch)"
                + " that would change the kept rows, and only its owner " + PostgresExtension.USER + " may switch them"
                + " off for the restore. Run it as " + PostgresExtension.USER + " (or a member of it) or a superuser."
                + " Nothing was changed.");
        assertThat(db.value("SELECT count(*) FROM docs")).isEqualTo("0");
    }

    @Test
    void shouldRefuseRatherThanLetARowSecurityPolicyHideRowsFromTheRestore(TestDatabase db) throws Exception {
        Path dir = scripts("V1__notes.sql", "CREATE TABLE notes (id int PRIMARY KEY, secret boolean NOT NULL);\n",
                "U1__notes.sql", "DROP TABLE notes;\n",
                "V2__tag.sql", "ALTER TABLE notes ADD COLUMN tag text;\n",
                "U2__tag.sql", "ALTER TABLE notes DROP COLUMN tag;\n");
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
        db.execute("INSERT INTO notes VALUES (1, false, 'open'), (2, true, 'hidden')");
        downAndUp(db, dir, "1");
        String role = "rst_" + db.name();
        MigrationRequest.Builder request = asRole(db, dir, role).onConflict(OnConflict.SKIP);
        db.execute("ALTER TABLE notes OWNER TO " + role
                + "; ALTER TABLE notes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;"
                + " CREATE POLICY open_only ON notes USING (NOT secret)");
        String name = run(Requests.of(db, Action.BACKUPS, "", dir)).backups().get(0).name();

        MigrationResult result = run(request.build());

        assertThat(result.error()).as(result.message()).isEqualTo(ErrorKind.PERMISSION);
        assertThat(result.message()).isEqualTo("Cannot restore " + name + ": row-level security policies on"
                + " public.notes apply to " + role + " and could hide rows from the restore. Run it as the table's owner"
                + " (without FORCE ROW LEVEL SECURITY), a superuser or a role with BYPASSRLS. Nothing was changed.");
        assertThat(db.column("SELECT id || ':' || coalesce(tag, '-') FROM notes ORDER BY id")).containsExactly("1:-",
                "2:-");

        db.execute("ALTER TABLE notes NO FORCE ROW LEVEL SECURITY");
        MigrationResult owner = run(request.build());
        assertThat(owner.success()).as(owner.message()).isTrue();
        assertThat(db.column("SELECT id || ':' || coalesce(tag, '-') FROM notes ORDER BY id")).containsExactly("1:open",
                "2:hidden");
    }

    @Test
    void shouldPutADroppedColumnBackByKeyAfterAFixedReUpgrade(TestDatabase db) throws Exception {
        Path dir = downgradedWithData(db, "2");
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
        db.execute("INSERT INTO users (id, email) VALUES (13, 'new@example.com')");

        MigrationResult result = restore(db, dir, OnConflict.REFUSE, false);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Restored 1 backup(s), 3 row(s).");
        assertThat(db.column("SELECT id || ':' || coalesce(nickname, '-') FROM users ORDER BY id"))
                .containsExactly("10:ann", "11:bob", "12:-", "13:-");
        assertThat(result.backups()).singleElement().satisfies(b -> assertThat(b.restoredAt()).isNotEmpty());
        assertThat(db.value("SELECT action || ' ' || message FROM db_migrate_audit ORDER BY id DESC LIMIT 1"))
                .isEqualTo("restore Restored 1 backup(s), 3 row(s).");
        assertThat(restore(db, dir, OnConflict.REFUSE, false).message()).startsWith("Nothing to restore");
        assertThat(run(Requests.of(db, Action.BACKUPS, "", dir)).backups()).hasSize(1);
    }

    @Test
    void shouldPutADroppedTableBackAsRowsAndMoveItsSequencePastThem(TestDatabase db) throws Exception {
        Path dir = downgradedWithData(db, "1");
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();

        MigrationResult result = restore(db, dir, OnConflict.REFUSE, false);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Restored 3 backup(s), 8 row(s).");
        assertThat(db.column("SELECT id || ':' || name FROM teams ORDER BY id")).containsExactly("1:core", "2:web");
        assertThat(db.column("SELECT id || ':' || coalesce(team_id::text, '-') || ':' || coalesce(nickname, '-')"
                + " FROM users ORDER BY id")).containsExactly("10:1:ann", "11:2:bob", "12:-:-");
        db.execute("INSERT INTO teams (name) VALUES ('next')");
        assertThat(db.value("SELECT max(id) FROM teams")).isEqualTo("3");
    }

    @Test
    void shouldPutAParentsRowsBackBeforeTheChildsThatPointAtThemWhenOneScriptDroppedBoth(TestDatabase db)
            throws Exception {
        // the copies are made in catalog order, parent first, and restored newest first: the child would go first
        Path dir = scripts("V1__docs.sql", "create table authors (id int primary key, name text);"
                        + " create table docs (id int primary key, author_id int references authors, title text);",
                "U1__docs.sql", "drop table docs, authors;");
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
        db.execute("INSERT INTO authors VALUES (1, 'ann'), (2, 'bob'); INSERT INTO docs VALUES (10, 1, 'a'), (11, 2, 'b')");
        downAndUp(db, dir, "base");

        MigrationResult result = restore(db, dir, OnConflict.REFUSE, false);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Restored 2 backup(s), 4 row(s).");
        assertThat(db.column("SELECT d.id || ':' || a.name FROM docs d JOIN authors a ON a.id = d.author_id ORDER BY 1"))
                .containsExactly("10:ann", "11:bob");
    }

    @Test
    void shouldCastKeptEnumValuesBackAndRefuseOnesThatNoLongerFit(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("backups-enum", tmp);
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
        db.execute("INSERT INTO diary VALUES (1, 'happy', '{happy,sad}'), (2, 'sad', NULL)");
        assertThat(run(Requests.of(db, Action.DOWNGRADE, "base", dir)).success()).isTrue();
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();

        MigrationResult restored = restore(db, dir, OnConflict.REFUSE, false);

        assertThat(restored.success()).as(restored.message()).isTrue();
        assertThat(db.column("SELECT id || ':' || mood || ':' || pg_typeof(mood) FROM diary ORDER BY id"))
                .containsExactly("1:happy:mood", "2:sad:mood");

        // the same backup into a mood type that lost 'sad'
        db.execute("DELETE FROM diary; ALTER TABLE diary DROP COLUMN mood, DROP COLUMN moods; DROP TYPE mood;"
                + " CREATE TYPE mood AS ENUM ('happy', 'calm'); ALTER TABLE diary ADD COLUMN mood mood,"
                + " ADD COLUMN moods mood[]");
        String name = restored.backups().get(0).name();
        MigrationResult refused = restore(db, dir, OnConflict.REFUSE, false, name);

        assertThat(refused.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(refused.message()).isEqualTo("Cannot restore " + name + ": values of mood no longer fit its type"
                + " mood (rows id=2). Nothing was changed.");
        assertThat(db.value("SELECT count(*) FROM diary")).isEqualTo("0");
    }

    @Test
    void shouldRefuseARowWhoseKeyIsTakenUnlessToldToSkipOrOverwrite(TestDatabase db) throws Exception {
        Path dir = downgradedWithData(db, "1");
        assertThat(run(Requests.of(db, Action.UPGRADE, "2", dir)).success()).isTrue();
        db.execute("INSERT INTO teams (id, name) VALUES (2, 'web-new')");
        String teams = run(Requests.of(db, Action.BACKUPS, "", dir)).backups().stream()
                .filter(b -> b.source().equals("public.teams")).findFirst().orElseThrow().name();

        MigrationResult refused = restore(db, dir, OnConflict.REFUSE, false, teams);

        assertThat(refused.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(refused.message()).isEqualTo("Cannot restore " + teams + ": 1 row(s) already have a row with their"
                + " key in public.teams (id=2). Use --on-conflict skip to leave those rows as they are, or overwrite to"
                + " replace them. Nothing was changed.");
        assertThat(db.column("SELECT id || ':' || name FROM teams ORDER BY id")).containsExactly("2:web-new");

        MigrationResult skipped = restore(db, dir, OnConflict.SKIP, false, teams);
        assertThat(skipped.success()).as(skipped.message()).isTrue();
        assertThat(skipped.warnings()).containsExactly(teams + " → public.teams: 1 row(s), 1 left as they were");
        assertThat(db.column("SELECT id || ':' || name FROM teams ORDER BY id")).containsExactly("1:core", "2:web-new");

        db.execute("DELETE FROM teams WHERE id = 1");
        MigrationResult overwritten = restore(db, dir, OnConflict.OVERWRITE, false, teams);
        assertThat(overwritten.success()).as(overwritten.message()).isTrue();
        assertThat(db.column("SELECT id || ':' || name FROM teams ORDER BY id")).containsExactly("1:core", "2:web");
    }

    @Test
    void shouldSayInADryRunWhatWouldChangeAndChangeNothing(TestDatabase db) throws Exception {
        Path dir = downgradedWithData(db, "2");
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
        List<String> before = db.column("SELECT u::text FROM users u ORDER BY id");
        List<String> catalog = db.column("SELECT c::text FROM db_migrate_backup.backup_catalog c");
        List<String> audit = db.column("SELECT a::text FROM db_migrate_audit a ORDER BY id");

        MigrationResult result = restore(db, dir, OnConflict.REFUSE, true);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Dry run: would restore 1 backup(s), 3 row(s). Nothing was changed.");
        assertThat(result.warnings()).singleElement().asString().endsWith(" → public.users: 3 row(s)");
        assertThat(db.column("SELECT u::text FROM users u ORDER BY id")).isEqualTo(before);
        assertThat(db.column("SELECT c::text FROM db_migrate_backup.backup_catalog c")).isEqualTo(catalog);
        assertThat(db.column("SELECT a::text FROM db_migrate_audit a ORDER BY id")).isEqualTo(audit);
    }

    @Test
    void shouldRefuseAnUnknownBackupName(TestDatabase db) throws Exception {
        Path dir = downgradedWithData(db, "2");
        String kept = run(Requests.of(db, Action.BACKUPS, "", dir)).backups().get(0).name();

        MigrationResult result = restore(db, dir, OnConflict.REFUSE, false, "v9_nothing");

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("No backup named 'v9_nothing'. Backups: " + kept + ". Nothing was changed.");
    }

    @Test
    void shouldPruneByAgeAndKeepTheNewestOfEachSource(TestDatabase db) throws Exception {
        Path dir = downgradedWithData(db, "2");
        for (int i = 0; i < 2; i++) {
            assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
            db.execute("UPDATE users SET nickname = 'n" + i + "'");
            assertThat(run(Requests.of(db, Action.DOWNGRADE, "2", dir)).success()).isTrue();
        }
        db.execute("UPDATE db_migrate_backup.backup_catalog SET created_at = now() - interval '40 days' WHERE id = 1");
        assertThat(db.backupTables()).hasSize(3);

        MigrationResult young = run(Requests.on(db, Action.PRUNE, dir).olderThan("30d").keepLast(0).build());
        assertThat(young.message()).isEqualTo("Pruned 1 backup(s) older than 30d; 2 left.");
        assertThat(db.backupTables()).hasSize(2);

        MigrationResult dryRun = run(Requests.on(db, Action.PRUNE, dir).olderThan("0s").keepLast(1).dryRun(true).build());
        assertThat(dryRun.message()).isEqualTo("Dry run: would prune 1 backup(s) older than 0s (keeping the newest 1 of"
                + " each source); 1 left. Nothing was changed.");
        assertThat(db.backupTables()).hasSize(2);

        MigrationResult kept = run(Requests.on(db, Action.PRUNE, dir).olderThan("0s").keepLast(1).build());
        assertThat(kept.success()).as(kept.message()).isTrue();
        List<BackupTable> left = run(Requests.of(db, Action.BACKUPS, "", dir)).backups();
        assertThat(left).singleElement().satisfies(b -> assertThat(db.column("SELECT nickname FROM "
                + "db_migrate_backup.\"" + b.name() + "\" ORDER BY id")).containsExactly("n1", "n1", "n1"));
        assertThat(db.value("SELECT count(*) FROM db_migrate_audit WHERE action = 'prune'")).isEqualTo("2");

        MigrationResult bad = run(Requests.on(db, Action.PRUNE, dir).olderThan("a month").build());
        assertThat(bad.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(bad.message()).isEqualTo("Invalid --older-than 'a month'. Use a number and a unit: 30d, 12h, 45m"
                + " or 0s.");
    }

    @Test
    void shouldWaitForARunningDowngradeThroughTheRunLock(TestDatabase db) throws Exception {
        Path dir = downgradedWithData(db, "2");
        assertThat(run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
        try (java.sql.Connection other = db.connect(); java.sql.Statement st = other.createStatement()) {
            // what a running downgrade holds for its whole run
            MigrationLock.acquireSession(other, MigrationLock.runKey("public", HistoryTable.NAME), 1);

            MigrationResult locked = run(Requests.on(db, Action.RESTORE, dir).lockTimeoutSeconds(1).build());

            assertThat(locked.error()).isEqualTo(ErrorKind.LOCKED);
            assertThat(db.column("SELECT count(nickname) FROM users")).containsExactly("0");
            st.execute("SELECT pg_advisory_unlock_all()");
        }
        assertThat(restore(db, dir, OnConflict.REFUSE, false).success()).isTrue();
        assertThat(db.column("SELECT count(nickname) FROM users")).containsExactly("2");
    }
}
