package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repeatable migrations (R__*.sql) have no undo script. A downgrade marks them to be re-applied, so what they create
 * and an undo script took with it (a view over a dropped column) is back after the next upgrade.
 */
@ExtendWith(PostgresExtension.class)
class RepeatableMigrationsTest {
    private static final String VIEW = "SELECT count(*) FROM pg_views WHERE viewname = 'priced_items'";
    private static final String SCRATCH_DATABASES = "SELECT count(*) FROM pg_database WHERE datname LIKE 'dbm_verify_%'";

    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private MigrationResult run(TestDatabase db, Action action, String revision, Path dir) {
        return engine.run(Requests.of(db, action, revision, dir));
    }

    private static List<String> listed(MigrationResult info) {
        return info.migrations().stream().map(m -> m.version() + " " + m.script() + " " + m.state()).toList();
    }

    @Test
    void shouldBringBackWhatARepeatableCreatedAfterUpgradeDowngradeUpgrade(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("repeatable-view", tmp);

        MigrationResult up = run(db, Action.UPGRADE, "", dir);
        db.execute("INSERT INTO items (id, name, price) VALUES (1, 'pen', 2.50), (2, 'sample', 0)");
        MigrationResult down = run(db, Action.DOWNGRADE, "", dir);
        MigrationResult current = run(db, Action.CURRENT, "", dir);
        MigrationResult again = run(db, Action.UPGRADE, "", dir);

        assertThat(up.message()).isEqualTo("Upgraded from revision base to 2: applied 2 migration(s); ran 1 repeatable"
                + " migration(s): R__views.sql.");
        assertThat(up.migrations()).extracting(MigrationStep::version).containsExactly("1", "2", "");
        assertThat(up.migrations()).extracting(MigrationStep::script)
                .containsExactly("V1__create_items.sql", "V2__add_price.sql", "R__views.sql");
        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(down.message()).isEqualTo("Downgraded from revision 2 to 1: undid 1 migration(s). Marked 1"
                + " repeatable migration(s) to be re-applied by the next upgrade, after the versioned ones: R__views.sql.");
        assertThat(down.currentRevision()).isEqualTo("1").isEqualTo(current.currentRevision());
        assertThat(down.pending()).isEqualTo(2);
        assertThat(current.message()).isEqualTo("At revision 1; 2 migration(s) pending.");
        assertThat(again.success()).as(again.message()).isTrue();
        assertThat(again.message()).isEqualTo("Upgraded from revision 1 to 2: applied 1 migration(s); ran 1 repeatable"
                + " migration(s): R__views.sql.");
        assertThat(again.pending()).isZero();
        assertThat(db.value(VIEW)).isEqualTo("1");
        assertThat(db.historyRows()).hasSize(3).last().asString().startsWith("3 - views SQL R__views.sql");

        // the view shows the table as it is: the prices come back with the column's backup
        String priceBackup = down.backups().stream().filter(b -> b.kind() == BackupTable.Kind.COLUMNS)
                .map(BackupTable::name).findFirst().orElseThrow();
        MigrationResult restore = engine.run(Requests.on(db, Action.RESTORE, dir).backupNames(List.of(priceBackup))
                .build());
        assertThat(restore.success()).as(restore.message()).isTrue();
        assertThat(db.column("SELECT name || ' ' || price FROM priced_items")).containsExactly("pen 2.50");
    }

    @Test
    void shouldLeaveTheRepeatableAppliedWhenNothingIsUndone(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("repeatable-view", tmp);
        run(db, Action.UPGRADE, "", dir);

        MigrationResult dryRun = engine.run(Requests.on(db, Action.DOWNGRADE, dir).dryRun(true).build());
        MigrationResult upgradeDryRun = engine.run(Requests.on(db, Action.UPGRADE, dir).dryRun(true).build());
        MigrationResult atHead = run(db, Action.DOWNGRADE, "head", dir);

        assertThat(dryRun.message()).isEqualTo("Dry run: would downgrade from revision 2 to 1, undoing 1 migration(s);"
                + " 1 destructive statement(s), listed in warnings; would back up 1 table(s), column set(s), sequence(s)"
                + " or view(s) that hold what the undo scripts destroy. Would mark 1 repeatable migration(s) to be"
                + " re-applied by the next upgrade, after the versioned ones: R__views.sql. Nothing was changed.");
        assertThat(upgradeDryRun.message()).isEqualTo("Already at revision 2: nothing to apply.");
        assertThat(atHead.message()).isEqualTo("Already at revision 2: nothing to apply.");
        assertThat(db.historyRows()).hasSize(3);
        assertThat(db.value(VIEW)).isEqualTo("1");
    }

    @Test
    void shouldRunRepeatablesAfterTheVersionedOnesWhateverTheTargetAsFlywayDoes(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("repeatable-view", tmp);

        MigrationResult toOne = run(db, Action.UPGRADE, "1", dir);
        MigrationResult dryRun = engine.run(Requests.on(db, Action.UPGRADE, dir).dryRun(true).build());

        // the view needs V2: at revision 1 it cannot be made yet, and V1 stays applied
        assertThat(toOne.error()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(toOne.message()).isEqualTo("Migration R__views.sql failed: SQL state 42703 at line 1: column"
                + " \"price\" does not exist. The database stays at revision 1.");
        assertThat(toOne.migrations()).extracting(MigrationStep::script).containsExactly("V1__create_items.sql");
        assertThat(db.historyVersions()).containsExactly("1");
        assertThat(dryRun.message()).isEqualTo("Dry run: would upgrade from revision 1 to 2, applying 1 migration(s)"
                + " and 1 repeatable migration(s). Nothing was changed.");
        assertThat(dryRun.migrations()).extracting(MigrationStep::script)
                .containsExactly("V2__add_price.sql", "R__views.sql");
        assertThat(dryRun.migrations().get(1).sql()).startsWith("CREATE OR REPLACE VIEW priced_items");
        assertThat(db.value(VIEW)).isEqualTo("0");
    }

    @Test
    void shouldListRepeatablesWithTheirStateInInfo(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("repeatable-view", tmp);
        MigrationResult fresh = run(db, Action.INFO, "", dir);
        run(db, Action.UPGRADE, "", dir);
        MigrationResult applied = run(db, Action.INFO, "", dir);
        Files.writeString(dir.resolve("R__views.sql"), "CREATE OR REPLACE VIEW priced_items AS SELECT name, price"
                + " FROM items WHERE price >= 1;\n");
        MigrationResult changed = run(db, Action.INFO, "", dir);
        MigrationResult reapplied = run(db, Action.UPGRADE, "", dir);
        MigrationResult after = run(db, Action.INFO, "", dir);

        assertThat(listed(fresh)).containsExactly("1 V1__create_items.sql Pending", "2 V2__add_price.sql Pending",
                " R__views.sql Pending");
        assertThat(fresh.message()).isEqualTo("3 migration(s); at revision base, 3 pending.");
        assertThat(listed(applied)).containsExactly("1 V1__create_items.sql Success", "2 V2__add_price.sql Success",
                " R__views.sql Success");
        assertThat(applied.migrations().get(2).reversible()).isFalse();
        assertThat(listed(changed)).containsExactly("1 V1__create_items.sql Success", "2 V2__add_price.sql Success",
                " R__views.sql Outdated", " R__views.sql Pending");
        assertThat(changed.pending()).isEqualTo(1);
        assertThat(reapplied.message()).isEqualTo("At revision 2: ran 1 repeatable migration(s): R__views.sql.");
        assertThat(listed(after)).containsExactly("1 V1__create_items.sql Success", "2 V2__add_price.sql Success",
                " R__views.sql Superseded", " R__views.sql Success");
        assertThat(db.value("SELECT definition FROM pg_views WHERE viewname = 'priced_items'")).contains(">= (1)");
    }

    @Test
    void shouldWarnInValidateWhileARepeatableWaitsToBeReapplied(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("repeatable-view", tmp);
        run(db, Action.UPGRADE, "", dir);
        MigrationResult before = run(db, Action.VALIDATE, "", dir);
        run(db, Action.DOWNGRADE, "", dir);

        MigrationResult validate = run(db, Action.VALIDATE, "", dir);

        assertThat(before.message()).isEqualTo("Validated 2 migration(s): every applied migration matches its file and"
                + " has an undo script.");
        assertThat(before.warnings()).isEmpty();
        assertThat(validate.success()).isTrue();
        assertThat(validate.message()).isEqualTo("Validated 1 migration(s): every applied migration matches its file and"
                + " has an undo script. 1 repeatable migration(s) are not applied in their current form, so what they"
                + " create may be missing (listed in warnings); upgrade applies them.");
        assertThat(validate.warnings()).containsExactly("R__views.sql is pending (never applied, changed, or marked by"
                + " a downgrade): what it creates may be missing until the next upgrade applies it");
        assertThat(db.value(VIEW)).isEqualTo("0");
    }

    @Test
    void shouldLetStockFlywayReapplyTheRepeatableAfterADowngrade(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("repeatable-view", tmp);
        run(db, Action.UPGRADE, "", dir);
        run(db, Action.DOWNGRADE, "base", dir);
        Flyway stock = Flyway.configure().dataSource(db.jdbcUrl(), PostgresExtension.USER, PostgresExtension.PASSWORD)
                .locations("filesystem:" + dir).load();

        assertThat(stock.info().pending()).hasSize(3);
        stock.migrate();
        stock.validate();

        assertThat(db.value(VIEW)).isEqualTo("1");
    }

    @Test
    void shouldVerifyThatTheRepeatablesComeBackAfterTheRoundTrip(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("repeatable-view", tmp);

        MigrationResult result = run(db, Action.VERIFY, "", dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Verified 2 migration(s) up to revision 2: each undo script restores"
                + " the schema exactly, and re-applying gives the same schema. 1 repeatable migration(s) come back as"
                + " they were after a downgrade to base and an upgrade to 2.");
        assertThat(db.tables()).isEmpty();
        assertThat(db.value(SCRATCH_DATABASES)).isEqualTo("0");
    }

    @Test
    void shouldFailVerifyWhenAnUndoScriptCannotRunBesideARepeatablesObjects(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("repeatable-view", tmp);
        Files.writeString(dir.resolve("U2__add_price.sql"), "ALTER TABLE items DROP COLUMN price;\n");

        MigrationResult result = run(db, Action.VERIFY, "", dir);

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo(ErrorKind.SQL_ERROR);
        assertThat(result.message()).isEqualTo("Verify stopped with the repeatable migrations applied, at downgrade"
                + " base: Undo script U2__add_price.sql failed: SQL state 2BP01 at line 1: cannot drop column price of"
                + " table items because other objects depend on it. Everything was rolled back; the database stays at"
                + " revision 2.");
        assertThat(db.value(SCRATCH_DATABASES)).isEqualTo("0");
    }
}
