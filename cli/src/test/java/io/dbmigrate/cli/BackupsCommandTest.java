package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db-migrate backups [list|restore|prune]} as a user types it, on a real database. */
@ExtendWith(PostgresExtension.class)
class BackupsCommandTest {
    private static final InProcessCli CLI = new InProcessCli();

    @TempDir
    Path tmp;

    @AfterAll
    static void shouldNeverPrintThePassword() {
        CLI.assertNoPasswordPrinted();
    }

    /** At head, nicknames set, downgraded to 2 (the nicknames kept), upgraded again (the column back, empty). */
    private Path reUpgraded(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("backups", tmp);
        assertThat(CLI.runOn(db, dir, "upgrade").exitCode()).isZero();
        db.execute("INSERT INTO users (id, email, nickname) VALUES (10, 'a@example.com', 'ann'), (11, 'b@example.com',"
                + " 'bob')");
        assertThat(CLI.runOn(db, dir, "downgrade", "2").exitCode()).isZero();
        assertThat(CLI.runOn(db, dir, "upgrade").exitCode()).isZero();
        return dir;
    }

    @Test
    void shouldListRestoreAndPruneBackups(TestDatabase db) throws Exception {
        Path dir = reUpgraded(db);

        CliRun list = CLI.runOn(db, dir, "backups");
        CliRun json = CLI.runOn(db, dir, "backups", "list", "--json");
        CliRun dryRun = CLI.runOn(db, dir, "backups", "restore", "--dry-run");
        CliRun restore = CLI.runOn(db, dir, "backups", "restore");
        CliRun prune = CLI.runOn(db, dir, "backups", "prune", "--older-than", "0s", "--json");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("Backup kept: v3_users_nickname_", "public.users.nickname (2 row(s))",
                " by ", "1 backup(s) kept in db_migrate_backup; 1 not restored yet.");
        JsonNode backup = json.json().get("backups").get(0);
        assertThat(backup.get("kind").asText()).isEqualTo("COLUMNS");
        assertThat(backup.get("source").asText()).isEqualTo("public.users.nickname");
        assertThat(backup.get("keyColumns").get(0).asText()).isEqualTo("id");
        assertThat(backup.get("version").asText()).isEqualTo("3");
        assertThat(dryRun.out()).contains("Dry run: would restore 1 backup(s), 2 row(s). Nothing was changed.");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out().lines().toList()).last().asString().isEqualTo("Restored 1 backup(s), 2 row(s).");
        assertThat(db.column("SELECT id || ':' || nickname FROM users ORDER BY id")).containsExactly("10:ann", "11:bob");
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(prune.json().get("message").asText()).isEqualTo("Pruned 1 backup(s) older than 0s; 0 left.");
        assertThat(db.backupTables()).isEmpty();
    }

    @Test
    void shouldRefuseABadConflictRuleOnTheCommandLine(TestDatabase db) throws Exception {
        Path dir = reUpgraded(db);

        CliRun run = CLI.runOn(db, dir, "backups", "restore", "--on-conflict", "merge");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid --on-conflict 'merge'. Use refuse (the default), skip or overwrite.");
    }

    @Test
    void shouldFailWithExitOneWhenARestoreConflicts(TestDatabase db) throws Exception {
        Path dir = reUpgraded(db);
        db.execute("DELETE FROM users WHERE id = 11");

        CliRun run = CLI.runOn(db, dir, "backups", "restore");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("FAILED (INVALID_INPUT): Cannot restore v3_users_nickname_",
                ": 1 row(s) have no row with their key in public.users (id=11). Use --on-conflict skip to restore the"
                        + " others. Nothing was changed.");
        assertThat(db.column("SELECT count(nickname) FROM users")).containsExactly("0");
    }
}
