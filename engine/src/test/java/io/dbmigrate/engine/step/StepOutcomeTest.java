package io.dbmigrate.engine.step;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.api.StepState;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StepOutcomeTest {
    private static final String DATABASE = "db.example.com:5432/app";

    private static MigrationStep applied(String version, String description, long millis) {
        return new MigrationStep(version, description, "V" + version + "__x.sql", StepState.APPLIED, millis, "", true);
    }

    private static final MigrationResult UPGRADED = new MigrationResult(true,
            "Upgraded from revision 3 to 5: applied 2 migration(s).", "5", "3", Action.UPGRADE, "5",
            List.of(applied("4", "seed admin user", 12), applied("5", "add task priority", 3)), null, 0, List.of(), List.of());

    private static final MigrationResult FAILED = new MigrationResult(false,
            "Migration V4__seed_admin_user.sql failed: SQL state 42P01 at line 1: relation \"users\" does not exist. "
                    + "The database stays at revision 3.", "3", "3", Action.UPGRADE, "5", List.of(), ErrorKind.SQL_ERROR, 0,
            List.of(), List.of());

    @Test
    void shouldNameARepeatableMigrationByItsDescription() {
        MigrationResult upgraded = new MigrationResult(true, "Upgraded from revision 3 to 4: applied 1 migration(s); ran"
                + " 1 repeatable migration(s): R__views.sql.", "4", "3", Action.UPGRADE, "4", List.of(applied("4", "seed", 2),
                new MigrationStep("", "views", "R__views.sql", StepState.APPLIED, 5, "", false)), null, 0, List.of(), List.of());

        assertThat(new StepOutcome(upgraded, DATABASE).summaryLines()).containsExactly("V4 seed (2 ms)", "R views (5 ms)");
    }

    @Test
    void shouldListEachMigrationWithItsTime() {
        assertThat(new StepOutcome(UPGRADED, DATABASE).summaryLines())
                .containsExactly("V4 seed admin user (12 ms)", "V5 add task priority (3 ms)");
    }

    @Test
    void shouldListUndoneMigrationsByTheirUndoScript() {
        MigrationResult downgraded = new MigrationResult(true, "Downgraded from revision 5 to 3: undid 2 migration(s).",
                "3", "5", Action.DOWNGRADE, "3", List.of(
                new MigrationStep("5", "add task priority", "U5__add_task_priority.sql", StepState.UNDONE, 7, "", true),
                new MigrationStep("4", "seed admin user", "U4__seed_admin_user.sql", StepState.UNDONE, 2, "", true)),
                null, 0, List.of(), List.of());

        StepOutcome outcome = new StepOutcome(downgraded, DATABASE);

        assertThat(outcome.summaryLines()).containsExactly("U5 add task priority (7 ms)", "U4 seed admin user (2 ms)");
        assertThat(outcome.environment()).containsExactly(Map.entry("DB_MIGRATE_REVISION", "3"),
                Map.entry("DB_MIGRATE_PREVIOUS_REVISION", "5"));
    }

    @Test
    void shouldListNothingForInfoWhoseMigrationsWereNotRunByIt() {
        MigrationResult info = new MigrationResult(true, "2 migration(s); at revision 1, 1 pending.", "1", "", Action.INFO,
                "", List.of(new MigrationStep("1", "create users", "V1__create_users.sql", StepState.SUCCESS, 0, "", true),
                new MigrationStep("2", "create tasks", "V2__create_tasks.sql", StepState.PENDING, 0, "", true)), null, 1,
                List.of(), List.of());

        StepOutcome outcome = new StepOutcome(info, DATABASE);

        assertThat(outcome.summaryLines()).isEmpty();
        assertThat(outcome.environment()).containsExactly(Map.entry("DB_MIGRATE_REVISION", "1"));
    }

    @Test
    void shouldExportTheRevisionAndThePreviousOneForLaterStages() {
        assertThat(new StepOutcome(UPGRADED, DATABASE).environment()).containsExactly(
                Map.entry("DB_MIGRATE_REVISION", "5"), Map.entry("DB_MIGRATE_PREVIOUS_REVISION", "3"));
        assertThat(StepOutcome.environment("", "")).isEmpty();
    }

    @Test
    void shouldReturnTheResultAsAPlainMap() {
        Map<String, Object> map = new StepOutcome(UPGRADED, DATABASE).returnValue();

        assertThat(map).containsEntry("success", true).containsEntry("currentRevision", "5")
                .containsEntry("previousRevision", "3").containsEntry("action", "upgrade").containsEntry("error", null);
        assertThat(map.keySet()).containsExactly("success", "message", "currentRevision", "previousRevision", "action",
                "target", "migrations", "error", "pending", "warnings", "backups");
    }

    @Test
    void shouldFailTheBuildWithThePrefixedMessageUnlessFailOnErrorIsOff() {
        StepOutcome outcome = new StepOutcome(FAILED, DATABASE);

        assertThat(outcome.shouldFail(true)).isTrue();
        assertThat(outcome.shouldFail(false)).isFalse();
        assertThat(new StepOutcome(UPGRADED, DATABASE).shouldFail(true)).isFalse();
        assertThat(outcome.abortMessage()).isEqualTo("dbMigrate upgrade failed: Migration V4__seed_admin_user.sql "
                + "failed: SQL state 42P01 at line 1: relation \"users\" does not exist. The database stays at revision 3.");
        assertThat(outcome.returnValue()).containsEntry("success", false).containsEntry("error", "SQL_ERROR");
    }

    @Test
    void shouldLeaveTheFailureMessageToTheAbortAndPrintItOtherwise() {
        StepOutcome outcome = new StepOutcome(FAILED, DATABASE);

        assertThat(outcome.logLines(true)).isEmpty();
        assertThat(outcome.logLines(false)).containsExactly(outcome.abortMessage());
        // the migrations were printed while they ran
        assertThat(new StepOutcome(UPGRADED, DATABASE).logLines(true)).containsExactly(
                "Upgraded from revision 3 to 5: applied 2 migration(s).");
    }

    @Test
    void shouldPrintEachMigrationAsItFinishesWithItsPlaceInTheRun() {
        assertThat(StepOutcome.progressLine(2, 5, applied("4", "seed admin user", 12)))
                .isEqualTo("[2/5] V4 seed admin user (12 ms)");
    }

    @Test
    void shouldShowNoBadgeWhenTheStepWasRefusedBeforeRunning() {
        StepOutcome outcome = StepOutcome.rejected(" upgrad ", new MigrationException(ErrorKind.INVALID_INPUT,
                "Unknown action 'upgrad'."));

        assertThat(BuildBadge.of(outcome, "")).isEmpty();
        assertThat(outcome.environment()).isEmpty();
        assertThat(outcome.abortMessage()).isEqualTo("dbMigrate upgrad failed: Unknown action 'upgrad'.");
        assertThat(outcome.returnValue()).containsEntry("error", "INVALID_INPUT").containsEntry("success", false);
    }

    @Test
    void shouldTurnAnAgentFailureIntoAFailedResultThatFailOnErrorDecides() {
        io.dbmigrate.engine.api.MigrationRequest request = io.dbmigrate.engine.api.MigrationRequest
                .builder(io.dbmigrate.engine.api.Action.UPGRADE)
                .connection(new io.dbmigrate.engine.connection.ConnectionSettings("jdbc:postgresql://db:5432/app", "app",
                        io.dbmigrate.engine.connection.Secret.of("s3cret-pw"), "url", "db"))
                .build();

        StepOutcome outcome = StepOutcome.agentFailed(request,
                new java.io.IOException("channel closed while sending s3cret-pw\nmore lines"));

        assertThat(outcome.result().error()).isEqualTo(io.dbmigrate.engine.error.ErrorKind.AGENT);
        assertThat(outcome.result().message()).isEqualTo("The agent could not run db-migrate: IOException: channel"
                + " closed while sending ****. The run may have stopped midway: check the agent's connection and Java,"
                + " then run dbMigrate action: 'current' to see where the database stands.");
        assertThat(outcome.shouldFail(true)).isTrue();
        assertThat(outcome.shouldFail(false)).isFalse();
        assertThat(BuildBadge.of(outcome, "").orElseThrow().failed()).isTrue();
        assertThat(BuildBadge.of(outcome, "").orElseThrow().text()).isEqualTo("app: ?");
        assertThat(outcome.returnValue()).containsEntry("error", "AGENT").containsEntry("success", false);
    }
}
