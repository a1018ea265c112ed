package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import io.dbmigrate.engine.undo.ScriptLocations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * upgrade checks the history against the files itself (Flyway's validate-on-migrate is off), so it must refuse what
 * Flyway's migrate refuses and accept what it accepts: each case is run through stock Flyway on the same folder too.
 */
@ExtendWith(PostgresExtension.class)
class UpgradeChecksAsFlywayTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path dir;

    private MigrationResult run(TestDatabase db, Action action, String revision) {
        return engine.run(Requests.of(db, action, revision, dir));
    }

    private MigrationResult dryRun(TestDatabase db, Action action) {
        return engine.run(Requests.on(db, action, dir).dryRun(true).build());
    }

    private Flyway stock(TestDatabase db) {
        return Flyway.configure().dataSource(db.jdbcUrl(), PostgresExtension.USER, PostgresExtension.PASSWORD)
                .locations("filesystem:" + dir).load();
    }

    private MigrationCatalog flywayCatalog(TestDatabase db) {
        MigrationInfoService info = stock(db).info();
        return MigrationCatalog.of(true, info.all(), info.current());
    }

    private ScriptLocations locations() {
        return new ScriptLocations(List.of("filesystem:" + dir), dir.toString());
    }

    /** V{n}__t{n}.sql creating table t{n}, and its undo script. */
    private void table(int n) throws Exception {
        Files.writeString(dir.resolve("V" + n + "__t" + n + ".sql"), "CREATE TABLE t" + n + " (id int);\n");
        Files.writeString(dir.resolve("U" + n + "__t" + n + ".sql"), "DROP TABLE t" + n + ";\n");
    }

    private List<String> stockStates(TestDatabase db) {
        return Arrays.stream(stock(db).info().all())
                .map(i -> (i.getVersion() == null ? i.getDescription() : i.getVersion().getVersion()) + " "
                        + i.getState().getDisplayName())
                .toList();
    }

    @Test
    void shouldRefuseARenamedAppliedMigrationAsFlywayDoes(TestDatabase db) throws Exception {
        table(1);
        table(2);
        assertThat(run(db, Action.UPGRADE, "").success()).isTrue();
        Files.move(dir.resolve("V2__t2.sql"), dir.resolve("V2__renamed.sql"));
        table(3);
        List<String> history = db.historyRows();
        String refusal = "Migration V2__t2.sql was renamed to V2__renamed.sql after it was applied (description"
                + " mismatch for version 2). Rename it back, or run db-migrate repair if the change is intended."
                + " Nothing was changed.";

        MigrationResult upgrade = run(db, Action.UPGRADE, "");
        MigrationResult planned = dryRun(db, Action.UPGRADE);
        MigrationResult downgrade = dryRun(db, Action.DOWNGRADE);

        assertThatThrownBy(() -> stock(db).migrate()).isInstanceOf(FlywayValidateException.class)
                .hasMessageContaining("Migration description mismatch for migration version 2");
        for (MigrationResult refused : List.of(upgrade, planned, downgrade)) {
            assertThat(refused.success()).isFalse();
            assertThat(refused.error()).isEqualTo(ErrorKind.CHECKSUM_MISMATCH);
            assertThat(refused.message()).isEqualTo(refusal);
            assertThat(refused.currentRevision()).isEqualTo("2");
        }
        assertThat(db.historyRows()).isEqualTo(history);
        assertThat(db.tables()).doesNotContain("t3");
        // the same check on Flyway's own info() (classpath: locations and others HistoryInfo does not read)
        assertThatThrownBy(() -> flywayCatalog(db).requireValidForUpgrade(locations()))
                .hasMessage(refusal);

        assertThat(run(db, Action.REPAIR, "").success()).isTrue();
        MigrationResult repaired = run(db, Action.UPGRADE, "");
        assertThat(repaired.message()).isEqualTo("Upgraded from revision 2 to 3: applied 1 migration(s).");
        assertThat(stock(db).validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void shouldRefuseAnAppliedRepeatableWhoseFileIsGoneAsFlywayDoes(TestDatabase db) throws Exception {
        table(1);
        Files.writeString(dir.resolve("R__rv.sql"), "CREATE OR REPLACE VIEW rv AS SELECT 1 AS one;\n");
        assertThat(run(db, Action.UPGRADE, "").success()).isTrue();
        Files.delete(dir.resolve("R__rv.sql"));
        table(2);
        List<String> history = db.historyRows();

        MigrationResult upgrade = run(db, Action.UPGRADE, "");

        assertThatThrownBy(() -> stock(db).migrate()).isInstanceOf(FlywayValidateException.class)
                .hasMessageContaining("Detected applied migration not resolved locally: rv.");
        assertThat(upgrade.success()).isFalse();
        assertThat(upgrade.error()).isEqualTo(ErrorKind.CHECKSUM_MISMATCH);
        assertThat(upgrade.message()).isEqualTo("Repeatable migration R__rv.sql is applied but its file is not in"
                + " filesystem:" + dir + ". Restore it, or run db-migrate repair to mark it deleted if it was removed"
                + " on purpose. Nothing was changed.");
        assertThat(upgrade.currentRevision()).isEqualTo("1");
        assertThat(db.historyRows()).isEqualTo(history);
        assertThat(db.tables()).doesNotContain("t2");

        assertThat(run(db, Action.REPAIR, "").success()).isTrue();
        assertThat(run(db, Action.UPGRADE, "").message()).isEqualTo("Upgraded from revision 1 to 2: applied 1"
                + " migration(s).");
    }

    @Test
    void shouldPassOverAFutureMigrationAsFlywayDoesButNotUndoIt(TestDatabase db) throws Exception {
        table(1);
        table(2);
        assertThat(run(db, Action.UPGRADE, "").success()).isTrue();
        Files.delete(dir.resolve("V2__t2.sql"));
        List<String> history = db.historyRows();
        String warning = "V2 is applied but its file is not in filesystem:" + dir + ": Flyway takes it for a migration"
                + " of a newer release and goes on; no downgrade can undo it here";

        MigrationResult upgrade = run(db, Action.UPGRADE, "");
        MigrationResult downgrade = run(db, Action.DOWNGRADE, "");

        assertThat(stockStates(db)).containsExactly("1 Success", "2 Future");
        assertThat(stock(db).migrate().success).isTrue();
        assertThat(upgrade.success()).as(upgrade.message()).isTrue();
        assertThat(upgrade.message()).isEqualTo("Already at revision 2: nothing to apply.");
        assertThat(upgrade.warnings()).containsExactly(warning);
        assertThat(downgrade.success()).isFalse();
        assertThat(downgrade.error()).isEqualTo(ErrorKind.CHECKSUM_MISMATCH);
        assertThat(downgrade.message()).isEqualTo("Migration V2 is applied but its file is not in filesystem:" + dir
                + ". Restore it first. Nothing was changed.");
        assertThat(db.historyRows()).isEqualTo(history);
        assertThat(db.tables()).contains("t1", "t2");
    }

    @Test
    void shouldValidateAFutureMigrationAsFlywaysDefaultValidateDoes(TestDatabase db) throws Exception {
        table(1);
        table(2);
        assertThat(run(db, Action.UPGRADE, "").success()).isTrue();
        Files.delete(dir.resolve("V2__t2.sql"));

        MigrationResult validate = run(db, Action.VALIDATE, "");

        assertThat(stock(db).validateWithResult().validationSuccessful).isTrue();
        assertThat(validate.success()).as(validate.message()).isTrue();
        assertThat(validate.message()).startsWith("Validated");
        assertThat(validate.warnings()).containsExactly("V2 is applied but its file is not in filesystem:" + dir
                + ": Flyway takes it for a migration of a newer release and goes on; no downgrade can undo it here");
    }

    @Test
    void shouldPassOverOneFailedFutureMigrationAsFlywayDoes(TestDatabase db) throws Exception {
        table(1);
        assertThat(run(db, Action.UPGRADE, "").success()).isTrue();
        failedRow(db, 2);
        List<String> history = db.historyRows();

        MigrationResult upgrade = run(db, Action.UPGRADE, "");

        assertThat(stockStates(db)).containsExactly("1 Success", "2 Failed (Future)");
        assertThat(stock(db).migrate().success).isTrue();
        assertThat(upgrade.success()).as(upgrade.message()).isTrue();
        assertThat(upgrade.currentRevision()).isEqualTo(stock(db).info().current().getVersion().getVersion());
        assertThat(upgrade.warnings()).containsExactly("V2 is recorded as failed but its file is not in filesystem:"
                + dir + ": Flyway takes it for a migration of a newer release and goes on; no downgrade can undo it"
                + " here");
        assertThat(upgrade.migrations()).isEmpty();
        assertThat(db.historyRows()).isEqualTo(history);
    }

    @Test
    void shouldRefuseTwoFailedFutureMigrationsAsFlywayDoes(TestDatabase db) throws Exception {
        table(1);
        assertThat(run(db, Action.UPGRADE, "").success()).isTrue();
        failedRow(db, 2);
        failedRow(db, 3);

        MigrationResult upgrade = run(db, Action.UPGRADE, "");

        assertThat(stockStates(db)).containsExactly("1 Success", "2 Failed (Future)", "3 Failed (Future)");
        assertThatThrownBy(() -> stock(db).migrate()).isInstanceOf(FlywayMigrateException.class)
                .hasMessageContaining("contains a failed migration to version 2");
        assertThat(upgrade.success()).isFalse();
        assertThat(upgrade.error()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(upgrade.message()).isEqualTo("Migration V2__t2.sql is recorded as failed in the schema history"
                + " (version 2). Clean up what it left, then run db-migrate repair to remove the failed row. Nothing"
                + " was changed.");
        assertThat(upgrade.migrations()).extracting(MigrationStep::script).isEmpty();
    }

    /** A history row for V{n}, failed, whose file is not on disk (a newer release's migration that failed). */
    private static void failedRow(TestDatabase db, int n) throws Exception {
        db.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) SELECT max(installed_rank) + 1, '" + n + "', 't" + n
                + "', 'SQL', 'V" + n + "__t" + n + ".sql', 42, 'test', 0, false FROM flyway_schema_history");
    }
}
