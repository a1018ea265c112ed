package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.config.FlywaySettings;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Versions 1, 2 and 4 are applied, then V3 arrives (a branch merged late). The revision is the highest version
 * applied, as Flyway's {@code info().current()} says; a downgrade undoes in the order the history says migrations were
 * applied.
 */
@ExtendWith(PostgresExtension.class)
class OutOfOrderTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private MigrationResult run(TestDatabase db, Action action, String revision, Path dir) {
        return engine.run(Requests.of(db, action, revision, dir));
    }

    private MigrationResult outOfOrder(TestDatabase db, Action action, String revision, Path dir) {
        return engine.run(Requests.on(db, action, dir).revision(revision).outOfOrder(true).build());
    }

    /** 1, 2 and 4 applied, then V3 and its undo script added. */
    private Path lateThree(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("out-of-order", tmp);
        assertThat(run(db, Action.UPGRADE, "", dir).success()).isTrue();
        Files.writeString(dir.resolve("V3__create_notes.sql"), "CREATE TABLE notes (id int PRIMARY KEY, body text);\n");
        Files.writeString(dir.resolve("U3__create_notes.sql"), "DROP TABLE notes;\n");
        return dir;
    }

    private static List<String> states(MigrationResult info) {
        return info.migrations().stream().map(m -> m.version() + " " + m.state()).toList();
    }

    @Test
    void shouldRefuseALateMigrationWithoutOutOfOrderAsFlywayDoes(TestDatabase db) throws Exception {
        Path dir = lateThree(db);
        Flyway stock = Flyway.configure().dataSource(db.jdbcUrl(), PostgresExtension.USER, PostgresExtension.PASSWORD)
                .locations("filesystem:" + dir).load();

        MigrationResult result = run(db, Action.UPGRADE, "", dir);
        MigrationResult info = run(db, Action.INFO, "", dir);

        assertThatThrownBy(stock::migrate).isInstanceOf(FlywayException.class)
                .hasMessageContaining("Detected resolved migration not applied to database: 3")
                .hasMessageContaining("To allow executing this migration, set -outOfOrder=true.");
        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("Migration V3__create_notes.sql was never applied and is older than the"
                + " current revision 4: Flyway refuses it unless out of order is allowed. Give it a version above 4, or"
                + " apply it out of order with upgrade --out-of-order. Nothing was changed.");
        assertThat(states(info)).containsExactly("1 Success", "2 Success", "4 Success", "3 Ignored");
        assertThat(info.currentRevision()).isEqualTo("4");
        assertThat(db.tables()).doesNotContain("notes");
        assertThat(db.historyVersions()).containsExactly("1", "2", "4");
    }

    @Test
    void shouldApplyALateMigrationWithOutOfOrderAndStayAtTheHighestRevision(TestDatabase db) throws Exception {
        Path dir = lateThree(db);
        MigrationResult pending = outOfOrder(db, Action.CURRENT, "", dir);

        MigrationResult result = outOfOrder(db, Action.UPGRADE, "", dir);
        MigrationResult current = run(db, Action.CURRENT, "", dir);
        MigrationResult info = run(db, Action.INFO, "", dir);

        assertThat(pending.message()).isEqualTo("At revision 4; 1 migration(s) pending.");
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Applied 1 migration(s) out of order (3): the database stays at revision"
                + " 4, the highest version applied.");
        assertThat(result.migrations()).extracting(MigrationStep::script).containsExactly("V3__create_notes.sql");
        assertThat(result.currentRevision()).isEqualTo("4").isEqualTo(current.currentRevision());
        assertThat(result.previousRevision()).isEqualTo("4");
        assertThat(current.message()).isEqualTo("At revision 4; up to date.");
        assertThat(states(info)).containsExactly("1 Success", "2 Success", "4 Success", "3 Out of Order");
        assertThat(db.tables()).contains("notes");
        assertThat(db.historyVersions()).containsExactly("1", "2", "4", "3");
        Flyway stock = Flyway.configure().dataSource(db.jdbcUrl(), PostgresExtension.USER, PostgresExtension.PASSWORD)
                .locations("filesystem:" + dir).load();
        assertThat(stock.validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void shouldTakeOutOfOrderFromAProjectsFlywayConfiguration(TestDatabase db) throws Exception {
        Path dir = lateThree(db);
        FlywaySettings fromToml = new FlywaySettings(Map.of("flyway.outOfOrder", "true"), List.of());

        MigrationResult result = engine.run(Requests.on(db, Action.UPGRADE, dir).flywaySettings(fromToml).build());

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Applied 1 migration(s) out of order (3): the database stays at revision"
                + " 4, the highest version applied.");
        assertThat(db.historyVersions()).containsExactly("1", "2", "4", "3");
    }

    @Test
    void shouldUndoTheLastAppliedMigrationFirst(TestDatabase db) throws Exception {
        Path dir = lateThree(db);
        outOfOrder(db, Action.UPGRADE, "", dir);
        db.execute("INSERT INTO accounts (id, name, email) VALUES (1, 'ada', 'ada@example.com')");

        MigrationResult undoThree = run(db, Action.DOWNGRADE, "-1", dir);
        MigrationResult afterThree = run(db, Action.CURRENT, "", dir);

        assertThat(undoThree.success()).as(undoThree.message()).isTrue();
        assertThat(undoThree.message()).isEqualTo("Undid 1 migration(s) applied out of order (3): the database stays at"
                + " revision 4, the highest version still applied.");
        assertThat(undoThree.migrations()).extracting(MigrationStep::script).containsExactly("U3__create_notes.sql");
        assertThat(undoThree.currentRevision()).isEqualTo("4").isEqualTo(afterThree.currentRevision());
        assertThat(undoThree.target()).isEqualTo("4");
        assertThat(db.tables()).doesNotContain("notes");
        assertThat(db.value("SELECT email FROM accounts")).isEqualTo("ada@example.com");

        MigrationResult undoFour = run(db, Action.DOWNGRADE, "-1", dir);
        MigrationResult afterFour = run(db, Action.CURRENT, "", dir);

        assertThat(undoFour.success()).as(undoFour.message()).isTrue();
        assertThat(undoFour.message()).isEqualTo("Downgraded from revision 4 to 2: undid 1 migration(s).");
        assertThat(undoFour.migrations()).extracting(MigrationStep::script).containsExactly("U4__add_email.sql");
        assertThat(undoFour.currentRevision()).isEqualTo("2").isEqualTo(afterFour.currentRevision());
        assertThat(afterFour.message()).isEqualTo("At revision 2; 2 migration(s) pending.");
        assertThat(db.historyVersions()).containsExactly("1", "2");
    }

    @Test
    void shouldDowngradeToARevisionInTheOrderTheHistorySays(TestDatabase db) throws Exception {
        Path dir = lateThree(db);
        outOfOrder(db, Action.UPGRADE, "", dir);

        MigrationResult result = run(db, Action.DOWNGRADE, "2", dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Downgraded from revision 4 to 2: undid 2 migration(s).");
        assertThat(result.migrations()).extracting(MigrationStep::script)
                .containsExactly("U3__create_notes.sql", "U4__add_email.sql");
        assertThat(result.currentRevision()).isEqualTo("2").isEqualTo(run(db, Action.CURRENT, "", dir).currentRevision());
        assertThat(db.tables()).doesNotContain("notes");
        assertThat(db.historyVersions()).containsExactly("1", "2");
    }

    @Test
    void shouldNeverClaimToReachAVersionThatWasNeverApplied(TestDatabase db) throws Exception {
        Path dir = lateThree(db);

        MigrationResult toThree = run(db, Action.DOWNGRADE, "3", dir);
        MigrationResult oneStep = run(db, Action.DOWNGRADE, "", dir);
        MigrationResult current = run(db, Action.CURRENT, "", dir);

        assertThat(toThree.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(toThree.message()).isEqualTo("Revision 3 was never applied, so the database was never at it:"
                + " downgrade to an applied revision (1, 2, 4) or base.");
        assertThat(oneStep.success()).as(oneStep.message()).isTrue();
        assertThat(oneStep.message()).isEqualTo("Downgraded from revision 4 to 2: undid 1 migration(s).");
        assertThat(oneStep.currentRevision()).isEqualTo("2").isEqualTo(current.currentRevision());
        assertThat(current.message()).isEqualTo("At revision 2; 2 migration(s) pending.");
        assertThat(db.historyVersions()).containsExactly("1", "2");
    }
}
