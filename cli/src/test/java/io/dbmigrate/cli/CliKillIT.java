package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.NoPassword;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a running {@code java -jar db-migrate.jar} (no shutdown hook, no rollback from the client): the
 * database must be at a whole revision afterwards, and running the same command again must finish the job. The
 * migrations sleep in V2 and U2 ({@code SELECT pg_sleep(3)}), and the kill comes once the database shows that sleep.
 */
@ExtendWith(PostgresExtension.class)
class CliKillIT {
    private static final JarCli CLI = new JarCli();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** What java reports for a process ended by SIGKILL: 128 + 9. */
    private static final int KILLED = 137;

    @TempDir
    Path tmp;

    @AfterAll
    static void shouldNeverPrintThePassword() {
        CLI.assertNoPasswordPrinted();
    }

    /**
     * Kills the run once a {@code pg_sleep} that started after {@code after} is running, then waits until the
     * server has ended its sessions (a session finishes its statement, finds the client gone, rolls back).
     */
    private static CliRun killInsideSleep(TestDatabase db, JarCli.Started run, OffsetDateTime after) throws Exception {
        db.awaitRunning("pg_sleep", after, WAIT);
        assertThat(run.isAlive()).isTrue();
        CliRun killed = run.kill();
        assertThat(killed.exitCode()).isEqualTo(KILLED);
        assertThat(killed.out()).isEmpty();
        db.awaitNoSessions("db-migrate ", WAIT);
        return killed;
    }

    private static void assertNoFailedHistoryRow(TestDatabase db) throws Exception {
        assertThat(db.historyRows()).noneMatch(row -> row.endsWith("success=f"));
    }

    private static List<String> columns(TestDatabase db, String table) throws Exception {
        return db.column("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name = '" + table + "' ORDER BY ordinal_position");
    }

    /** At head with data in what U2 drops, so a downgrade backs it up before undoing. */
    private static void upgradeWithData(TestDatabase db, Path dir) throws Exception {
        MigrationResult up = new MigrationEngine().run(Requests.of(db, Action.UPGRADE, "head", dir));
        NoPassword.in(up);
        assertThat(up.success()).as(up.message()).isTrue();
        db.execute("INSERT INTO users (email, nickname) VALUES ('a@example.com', 'ann')");
        db.execute("INSERT INTO orders (user_id, total) SELECT id, 42 FROM users");
    }

    @Test
    void shouldStayAtRevisionOneWhenAnUpgradeIsKilledInsideV2AndFinishWhenRunAgain(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("slow-second", tmp);

        CliRun killed = killInsideSleep(db, CLI.startOn(tmp, db, dir, "upgrade"), OffsetDateTime.MIN);

        assertThat(killed.errLines()).singleElement().asString().startsWith("[1/3] V1__create_users.sql … ");
        assertThat(db.historyVersions()).containsExactly("1");
        assertNoFailedHistoryRow(db);
        assertThat(db.tables()).doesNotContain("orders");
        assertThat(columns(db, "users")).containsExactly("id", "email");
        CliRun current = CLI.runOn(tmp, db, dir, "current", "--json");
        assertThat(current.exitCode()).as(current.err()).isZero();
        JsonNode now = current.json();
        assertThat(now.get("currentRevision").asText()).isEqualTo("1");
        assertThat(now.get("pending").asInt()).isEqualTo(2);

        CliRun rerun = CLI.runOn(tmp, db, dir, "upgrade");

        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out().strip()).isEqualTo("Upgraded from revision 1 to 3: applied 2 migration(s).");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
        assertNoFailedHistoryRow(db);
        assertThat(columns(db, "users")).containsExactly("id", "email", "nickname");
    }

    @Test
    void shouldStayAtTheStartingRevisionWhenADowngradeIsKilledWhileBackingUpU2AndFinishWhenRunAgain(TestDatabase db)
            throws Exception {
        Path dir = Fixtures.copy("slow-second", tmp);
        upgradeWithData(db, dir);
        List<String> schema = db.fingerprint();
        List<String> history = db.historyRows();

        // U3 is undone, U2 runs under the savepoint that finds what it drops
        CliRun killed = killInsideSleep(db, CLI.startOn(tmp, db, dir, "downgrade", "base"), OffsetDateTime.MIN);

        assertThat(killed.errLines()).singleElement().asString().startsWith("[1/3] U3__index_orders.sql … ");
        assertThat(db.fingerprint()).isEqualTo(schema);
        assertThat(db.historyRows()).isEqualTo(history);
        assertThat(db.backupTables()).isEmpty();
        assertThat(db.column("SELECT nickname FROM users")).containsExactly("ann");

        CliRun rerun = CLI.runOn(tmp, db, dir, "downgrade", "base");

        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out().lines().toList()).last().asString()
                .isEqualTo("Downgraded from revision 3 to base: undid 3 migration(s).");
        assertThat(db.historyVersions()).isEmpty();
        assertThat(db.tables()).containsExactlyInAnyOrder("flyway_schema_history", "db_migrate_audit");
        assertThat(db.backupTables()).hasSize(3); // users.nickname, orders, users
    }

    @Test
    void shouldStayAtTheStartingRevisionWhenADowngradeIsKilledAfterItsBackupsInsideU2AndFinishWhenRunAgain(
            TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("slow-second", tmp);
        upgradeWithData(db, dir);
        List<String> schema = db.fingerprint();
        List<String> history = db.historyRows();

        JarCli.Started downgrade = CLI.startOn(tmp, db, dir, "downgrade", "1");
        OffsetDateTime probe = db.awaitRunning("pg_sleep", OffsetDateTime.MIN, WAIT);
        // the second sleep is U2 for real: its backups are written, nickname is dropped, in the open transaction
        killInsideSleep(db, downgrade, probe);

        assertThat(db.fingerprint()).isEqualTo(schema);
        assertThat(db.historyRows()).isEqualTo(history);
        assertThat(db.backupTables()).isEmpty();
        assertThat(db.column("SELECT nickname FROM users")).containsExactly("ann");

        CliRun rerun = CLI.runOn(tmp, db, dir, "downgrade", "1");

        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out().lines().toList()).last().asString()
                .isEqualTo("Downgraded from revision 3 to 1: undid 2 migration(s).");
        assertThat(db.historyVersions()).containsExactly("1");
        assertThat(db.tables()).doesNotContain("orders");
        assertThat(db.backupTables()).hasSize(2); // users.nickname, orders
    }

    /**
     * Three more kill points, each made to wait by a lock a test transaction holds: while a backup is recorded in the
     * catalog (after its copy was made), while the history rows are deleted (after every undo script ran), and right
     * before commit (the audit row). The killed client's server session waits on the lock, then finds the client gone
     * and rolls back: nothing of the run may remain, and running it again must finish the job.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "while recording a backup   | db_migrate_backup.backup_catalog | \"backup_catalog\" (backup_table",
            "while deleting the history | public.flyway_schema_history     | flyway_schema_history WHERE installed_rank",
            "right before commit        | public.db_migrate_audit          | db_migrate_audit (action",
    })
    void shouldLeaveNothingOfADowngradeKilledAtALockAndFinishWhenRunAgain(String point, String locked, String statement,
                                                                         TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("kill-locks", tmp);
        MigrationEngine engine = new MigrationEngine();
        // one earlier downgrade with data, so the backup catalog exists and holds a row
        assertThat(engine.run(Requests.of(db, Action.UPGRADE, "head", dir)).success()).isTrue();
        db.execute("INSERT INTO users (email, nickname) VALUES ('old@example.com', 'old')");
        assertThat(engine.run(Requests.of(db, Action.DOWNGRADE, "1", dir)).success()).isTrue();
        assertThat(engine.run(Requests.of(db, Action.UPGRADE, "head", dir)).success()).isTrue();
        db.execute("UPDATE users SET nickname = 'ann'; INSERT INTO orders (user_id, total) SELECT id, 42 FROM users");
        List<String> schema = db.fingerprint();
        List<String> history = db.historyRows();
        List<String> backups = db.backupTables();
        List<String> catalog = db.column("SELECT c::text FROM db_migrate_backup.backup_catalog c ORDER BY id");
        List<String> audit = db.column("SELECT a::text FROM db_migrate_audit a ORDER BY id");

        try (java.sql.Connection lock = db.connect(); java.sql.Statement st = lock.createStatement()) {
            lock.setAutoCommit(false);
            st.execute("LOCK TABLE " + locked + " IN SHARE MODE");
            JarCli.Started downgrade = CLI.startOn(tmp, db, dir, "downgrade", "base");
            db.awaitRunning(statement, OffsetDateTime.MIN, WAIT);
            assertThat(downgrade.isAlive()).isTrue();
            assertThat(downgrade.kill().exitCode()).isEqualTo(KILLED);
            lock.commit();
        }
        db.awaitNoSessions("db-migrate ", WAIT);

        assertThat(db.fingerprint()).as(point).isEqualTo(schema);
        assertThat(db.historyRows()).isEqualTo(history);
        assertThat(db.backupTables()).isEqualTo(backups);
        assertThat(db.column("SELECT c::text FROM db_migrate_backup.backup_catalog c ORDER BY id")).isEqualTo(catalog);
        assertThat(db.column("SELECT a::text FROM db_migrate_audit a ORDER BY id")).isEqualTo(audit);
        assertThat(db.column("SELECT email || ':' || nickname FROM users")).containsExactly("old@example.com:ann");

        CliRun rerun = CLI.runOn(tmp, db, dir, "downgrade", "base");

        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out().lines().toList()).last().asString()
                .isEqualTo("Downgraded from revision 2 to base: undid 2 migration(s).");
        assertThat(db.historyVersions()).isEmpty();
        assertThat(db.backupTables()).hasSize(backups.size() + 3); // orders, users.nickname, users
    }
}
