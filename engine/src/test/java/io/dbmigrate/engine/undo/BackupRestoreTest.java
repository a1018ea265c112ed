package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.OnConflict;
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
