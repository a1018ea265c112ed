package io.dbmigrate.engine.step;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.connection.Secret;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The step's whole engine side against a real server: parameters, request, run, outcome. */
@ExtendWith(PostgresExtension.class)
class StepRunTest {
    private static final String WRONG_PASSWORD = "Wrong-Pw-9d1e-NEVER-PRINT";

    @TempDir
    Path workspace;

    private StepOutcome run(StepParameters params, Map<String, String> env, CredentialValue credential) {
        MigrationRequest request = params.toRequest(env, credential, workspace.toString(), "jenkins: app #7");
        return StepOutcome.of(request, new MigrationEngine().run(request));
    }

    private static StepParameters params(String action, String revision, String locations, boolean failOnError) {
        return new StepParameters(action, revision, null, "db-creds", locations, null, 5, failOnError, null);
    }

    /** Everything the plugin prints, stores or returns. */
    private static List<String> everythingShown(StepOutcome outcome) {
        List<String> shown = new ArrayList<>(outcome.summaryLines());
        shown.addAll(outcome.logLines(true));
        shown.addAll(outcome.logLines(false));
        shown.addAll(outcome.environment().values());
        BuildBadge.of(outcome, "").ifPresent(badge -> {
            shown.add(badge.text());
            shown.add(badge.tooltip());
        });
        shown.add(outcome.abortMessage());
        shown.add(outcome.returnValue().toString());
        return shown;
    }

    @Test
    void shouldUpgradeFromWorkspaceMigrationsWithTheCredentialsOverTheUrlsPassword(TestDatabase db) {
        Fixtures.copy("reversible-three", workspace);
        Map<String, String> env = Map.of("DATABASE_URL",
                "postgresql://nobody:" + WRONG_PASSWORD + "@localhost:" + db.port() + "/" + db.name());
        CredentialValue credential = CredentialValue.usernamePassword(PostgresExtension.USER,
                Secret.of(PostgresExtension.PASSWORD));

        StepOutcome outcome = run(params("upgrade", "", "reversible-three", true), env, credential);

        assertThat(outcome.result().success()).as(outcome.result().message()).isTrue();
        BuildBadge badge = BuildBadge.of(outcome, "").orElseThrow();
        assertThat(badge.text()).isEqualTo(db.name() + ": 3");
        assertThat(badge.tooltip()).isEqualTo("upgrade on localhost:" + db.port() + "/" + db.name() + ": base → 3");
        assertThat(outcome.summaryLines()).hasSize(3).allMatch(line -> line.matches("V\\d \\D+ \\(\\d+ ms\\)"));
        assertThat(outcome.summaryLines().get(0)).startsWith("V1 create users (");
        assertThat(outcome.environment()).containsEntry("DB_MIGRATE_REVISION", "3")
                .containsEntry("DB_MIGRATE_PREVIOUS_REVISION", "base");
        assertThat(everythingShown(outcome)).noneMatch(s -> s.contains(PostgresExtension.PASSWORD)
                || s.contains(WRONG_PASSWORD));

        StepOutcome back = run(params("downgrade", "previous", "reversible-three", true), env, credential);

        assertThat(back.result().success()).as(back.result().message()).isTrue();
        assertThat(BuildBadge.of(back, "prod").orElseThrow().text()).isEqualTo("prod: base");
        assertThat(back.summaryLines()).hasSize(3).allMatch(line -> line.startsWith("U"));
    }

    @Test
    void shouldNameTheCredentialsAndShowNoPasswordWhenTheyAreWrong(TestDatabase db) {
        Fixtures.copy("reversible-three", workspace);
        Map<String, String> env = Map.of("DATABASE_URL", db.postgresUrl());

        StepOutcome outcome = run(params("upgrade", "", "reversible-three", true), env,
                CredentialValue.usernamePassword(PostgresExtension.USER, Secret.of(WRONG_PASSWORD)));

        assertThat(outcome.shouldFail(true)).isTrue();
        assertThat(outcome.abortMessage()).isEqualTo("dbMigrate upgrade failed: Authentication failed for user 'dbm_app' "
                + "at localhost:" + db.port() + "/" + db.name() + ". Check the credentials 'db-creds'.");
        assertThat(BuildBadge.of(outcome, "").orElseThrow().text()).isEqualTo(db.name() + ": ?");
        assertThat(everythingShown(outcome)).noneMatch(s -> s.contains(PostgresExtension.PASSWORD)
                || s.contains(WRONG_PASSWORD));
    }

    @Test
    void shouldReportAFailingMigrationAndWhereTheDatabaseStays(TestDatabase db) {
        Fixtures.copy("broken-sql", workspace);
        CredentialValue urlCredential = CredentialValue.url(Secret.of(db.postgresUrl()));

        StepOutcome outcome = run(params("upgrade", "", "filesystem:broken-sql", false), Map.of(), urlCredential);

        assertThat(outcome.result().success()).isFalse();
        assertThat(outcome.shouldFail(false)).isFalse();
        assertThat(outcome.returnValue()).containsEntry("success", false).containsEntry("error", "SQL_ERROR")
                .containsEntry("currentRevision", "2");
        assertThat(outcome.abortMessage()).startsWith("dbMigrate upgrade failed: Migration V3__broken.sql failed: ")
                .endsWith("The database stays at revision 2.");
        assertThat(outcome.summaryLines()).hasSize(2).allMatch(line -> line.matches("V[12] create \\w+ \\(\\d+ ms\\)"));
        assertThat(outcome.logLines(false)).containsExactly(outcome.abortMessage());
        assertThat(outcome.logLines(true)).isEmpty();
        assertThat(BuildBadge.of(outcome, "").orElseThrow().text()).isEqualTo(db.name() + ": 2");
        assertThat(BuildBadge.of(outcome, "").orElseThrow().failed()).isTrue();
        assertThat(everythingShown(outcome)).noneMatch(s -> s.contains(PostgresExtension.PASSWORD));
    }
}
