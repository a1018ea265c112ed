package io.dbmigrate.engine.step;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.connection.Secret;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepParametersTest {
    private static final String MARKER = "Pw-step-NEVER-PRINT";
    private static final String WORKSPACE = "/home/agent/workspace/app";

    private static StepParameters params(String action, String revision, String url, String credentialsId) {
        return new StepParameters(action, revision, url, credentialsId, null, null, null, null, null);
    }

    private static StepParameters upgrade(String url, String credentialsId) {
        return params("upgrade", null, url, credentialsId);
    }

    private static void assertRejected(Runnable call, ErrorKind kind, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(MigrationException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void shouldApplyDefaultsForWhatTheJenkinsfileLeavesOut() {
        StepParameters p = params(" Upgrade ", null, null, null);

        assertThat(p.action()).isEqualTo("upgrade");
        assertThat(p.engineAction()).isEqualTo(Action.UPGRADE);
        assertThat(p.revision()).isEmpty();
        assertThat(p.locations()).isEmpty();
        assertThat(p.lockTimeout()).isEqualTo(60);
        assertThat(p.failOnError()).isTrue();
        assertThat(p.target()).isEmpty();
    }

    @Test
    void shouldListTheActionsWhenTheActionIsUnknown() {
        assertRejected(() -> params("upgrad", null, null, null), ErrorKind.INVALID_INPUT,
                "Unknown action 'upgrad'. Use one of: init, upgrade, downgrade, current, info, validate, verify, backups,"
                        + " restore, prune, repair.");
    }

    @Test
    void shouldOfferEveryActionButCreate() {
        assertThat(StepParameters.actions()).containsExactly("init", "upgrade", "downgrade", "current", "info",
                "validate", "verify", "backups", "restore", "prune", "repair");
    }

    @Test
    void shouldLeaveTheBuilderOpenForARevisionSetLater() {
        MigrationRequest request = params("downgrade", null, "jdbc:postgresql://db/app", null)
                .toBuilder(Map.of(), null, WORKSPACE, "admin").revision("2").build();

        assertThat(request.revision()).isEqualTo("2");
        assertThat(request.connection().jdbcUrl()).isEqualTo("jdbc:postgresql://db/app");
    }

    @Test
    void shouldAskForAnActionWhenThereIsNone() {
        assertRejected(() -> params(" ", null, null, null), ErrorKind.INVALID_INPUT,
                "dbMigrate needs an action: one of init, upgrade, downgrade, current, info, validate, verify, backups,"
                        + " restore, prune, repair.");
        assertThat(StepOutcome.rejected(null, new MigrationException(ErrorKind.INVALID_INPUT, "No action."))
                .abortMessage()).isEqualTo("dbMigrate failed: No action.");
    }

    @Test
    void shouldRefuseCreateInAPipeline() {
        assertRejected(() -> params("create", null, null, null), ErrorKind.INVALID_INPUT,
                "dbMigrate does not run create: it writes new migration files. Run create with the command line "
                        + "and commit the files.");
    }

    @Test
    void shouldRefuseARevisionOnAnActionThatTakesNone() {
        assertRejected(() -> params("current", "3", null, null), ErrorKind.INVALID_INPUT,
                "The action 'current' takes no revision (got '3').");
    }

    @Test
    void shouldRefuseABadRevision() {
        assertRejected(() -> params("downgrade", "three", null, null), ErrorKind.INVALID_INPUT,
                "Invalid revision 'three'. Use head, base, previous, a version such as 3 or 3.1, "
                        + "or a relative step such as -1 or +2.");
    }

    @Test
    void shouldRefuseANegativeLockTimeout() {
        assertRejected(() -> new StepParameters("upgrade", null, null, null, null, null, -1, null, null),
                ErrorKind.INVALID_INPUT, "Invalid lock timeout -1: use 0 or more seconds.");
    }

    @Test
    void shouldRefuseAPasswordInTheUrlParameterWithoutRepeatingIt() {
        assertThatThrownBy(() -> upgrade("postgresql://app:" + MARKER + "@db:5432/app", null))
                .isInstanceOf(MigrationException.class)
                .hasMessage("Do not put the password in url: step arguments are shown on the build page. Pass "
                        + "credentialsId (username with password, or secret text holding the URL), or set DATABASE_URL.")
                .message().doesNotContain(MARKER);
        assertThatThrownBy(() -> upgrade("jdbc:postgresql://db/app?password=" + MARKER, null))
                .isInstanceOf(MigrationException.class).message().doesNotContain(MARKER);
    }

    @Test
    void shouldRefuseClasspathLocationsBecauseMigrationsComeFromTheWorkspace() {
        assertRejected(() -> new StepParameters("upgrade", null, null, null, "db/migration, classpath:db", null, null,
                null, null), ErrorKind.INVALID_INPUT, "dbMigrate reads migrations from the workspace: use filesystem: "
                + "locations or plain folders (got 'classpath:db').");
    }

    @Test
    void shouldTakeTheUrlParameterBeforeDatabaseUrlAndFlywayUrl() {
        Map<String, String> env = Map.of("DATABASE_URL", "postgresql://env-db:5432/fromenv",
                "FLYWAY_URL", "jdbc:postgresql://flyway-db/fromflyway");

        MigrationRequest request = upgrade("jdbc:postgresql://param-db:6543/fromparam", null)
                .toRequest(env, null, WORKSPACE, "ci");

        assertThat(request.connection().jdbcUrl()).isEqualTo("jdbc:postgresql://param-db:6543/fromparam");
        assertThat(request.connection().source()).isEqualTo("url");
    }

    @Test
    void shouldFallBackToDatabaseUrlThenFlywayUrl() {
        MigrationRequest fromDatabaseUrl = upgrade(null, null).toRequest(Map.of(
                "DATABASE_URL", "postgresql://env-db:5432/fromenv",
                "FLYWAY_URL", "jdbc:postgresql://flyway-db/fromflyway"), null, WORKSPACE, "ci");
        MigrationRequest fromFlywayUrl = upgrade(null, null).toRequest(Map.of(
                "DATABASE_URL", " ", "FLYWAY_URL", "jdbc:postgresql://flyway-db/fromflyway"), null, WORKSPACE, "ci");

        assertThat(fromDatabaseUrl.connection().jdbcUrl()).isEqualTo("jdbc:postgresql://env-db:5432/fromenv");
        assertThat(fromDatabaseUrl.connection().source()).isEqualTo("DATABASE_URL");
        assertThat(fromFlywayUrl.connection().jdbcUrl()).isEqualTo("jdbc:postgresql://flyway-db/fromflyway");
        assertThat(fromFlywayUrl.connection().source()).isEqualTo("FLYWAY_URL");
    }

    @Test
    void shouldSayWhereToPutTheUrlWhenThereIsNone() {
        assertRejected(() -> upgrade(null, null).toRequest(Map.of("PATH", "/usr/bin"), null, WORKSPACE, "ci"),
                ErrorKind.CONNECTION, "Cannot connect to database: no database URL given. Pass url, or credentialsId "
                        + "naming a secret text that holds the URL, or set DATABASE_URL in the build environment.");
    }

    @Test
    void shouldLetUsernamePasswordCredentialsOverrideTheUrlsUserAndPassword() {
        Map<String, String> env = Map.of("DATABASE_URL", "postgresql://url-user:url-pass@db:5432/app",
                "PGPASSWORD", "env-pass");

        MigrationRequest request = upgrade(null, "db-creds").toRequest(env,
                CredentialValue.usernamePassword("cred-user", Secret.of(MARKER)), WORKSPACE, "ci");

        assertThat(request.connection().user()).isEqualTo("cred-user");
        assertThat(request.connection().password()).isEqualTo(Secret.of(MARKER));
        assertThat(request.connection().credentialsId()).isEqualTo("db-creds");
        assertThat(request.connection().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
    }

    @Test
    void shouldTakeTheWholeUrlFromASecretTextCredential() {
        MigrationRequest request = upgrade(null, "db-url").toRequest(Map.of("DATABASE_URL",
                        "postgresql://other:5432/ignored"),
                CredentialValue.url(Secret.of("postgresql://app:" + MARKER + "@secret-db:5433/app")), WORKSPACE, "ci");

        assertThat(request.connection().jdbcUrl()).isEqualTo("jdbc:postgresql://secret-db:5433/app");
        assertThat(request.connection().user()).isEqualTo("app");
        assertThat(request.connection().password()).isEqualTo(Secret.of(MARKER));
        assertThat(request.connection().source()).isEqualTo("credentials 'db-url'");
        assertThat(request.toString()).doesNotContain(MARKER);
    }

    @Test
    void shouldRefuseAUrlParameterBesideAUrlCredential() {
        assertRejected(() -> upgrade("jdbc:postgresql://db/app", "db-url").toRequest(Map.of(),
                        CredentialValue.url(Secret.of("postgresql://db/app")), WORKSPACE, "ci"),
                ErrorKind.INVALID_INPUT, "Both url and the credentials 'db-url' (a secret text holding a URL) name the "
                        + "database: give only one of them.");
    }

    @Test
    void shouldSayWhenTheCredentialsAreNotThere() {
        assertRejected(() -> upgrade("jdbc:postgresql://db/app", "missing").toRequest(Map.of(), null, WORKSPACE, "ci"),
                ErrorKind.INVALID_INPUT, "No credentials 'missing' are visible to this build. Use the id of a username "
                        + "with password, or of a secret text holding the database URL.");
    }

    @Test
    void shouldResolveLocationsAgainstTheWorkspace() {
        StepParameters p = new StepParameters("downgrade", "-2", "jdbc:postgresql://db/app", null,
                "db/migration, filesystem:sql/extra,,/opt/shared", "app, audit", 5, false, null);

        MigrationRequest request = p.toRequest(Map.of(), null, WORKSPACE, "jenkins: app #12");

        assertThat(request.action()).isEqualTo(Action.DOWNGRADE);
        assertThat(request.revision()).isEqualTo("-2");
        assertThat(request.workingDirectory()).isEqualTo(WORKSPACE);
        assertThat(request.locations()).containsExactly("filesystem:db/migration", "filesystem:sql/extra",
                "filesystem:/opt/shared");
        assertThat(new io.dbmigrate.engine.undo.ScriptLocations(request.locations(), request.workingDirectory())
                .forFlyway()).containsExactly("filesystem:" + WORKSPACE + "/db/migration",
                "filesystem:" + WORKSPACE + "/sql/extra", "filesystem:/opt/shared");
        assertThat(request.schemas()).containsExactly("app", "audit");
        assertThat(request.lockTimeoutSeconds()).isEqualTo(5);
        assertThat(request.actor()).isEqualTo("jenkins: app #12");
        assertThat(p.failOnError()).isFalse();
    }

    @Test
    void shouldDefaultToDbMigrationInTheWorkspace() {
        MigrationRequest request = upgrade("jdbc:postgresql://db/app", null).toRequest(Map.of(), null, WORKSPACE, "ci");

        assertThat(request.locations()).containsExactly(MigrationRequest.DEFAULT_LOCATION);
        assertThat(request.locations()).containsExactly("filesystem:db/migration");
    }

    @Test
    void shouldTakeATargetsDatabaseOnlyWhenTheStepNamesNone() {
        List<StepParameters.Target> configured = List.of(new StepParameters.Target("staging", "jdbc:postgresql://s/app",
                "s-creds"), new StepParameters.Target("prod", "jdbc:postgresql://prod-db/app", "prod-creds"));
        StepParameters named = new StepParameters("upgrade", null, null, null, null, null, null, null, "prod");

        StepParameters resolved = named.withTarget(configured);

        assertThat(resolved.url()).isEqualTo("jdbc:postgresql://prod-db/app");
        assertThat(resolved.credentialsId()).isEqualTo("prod-creds");
        assertThat(resolved.target()).isEqualTo("prod");
        StepParameters plain = upgrade("jdbc:postgresql://db/app", null);
        assertThat(plain.withTarget(configured)).isSameAs(plain);
        StepParameters both = new StepParameters("upgrade", null, "jdbc:postgresql://db/app", null, null, null, null,
                null, "prod");
        assertRejected(() -> both.withTarget(configured), ErrorKind.INVALID_INPUT,
                "The target 'prod' names its own database and credentials: drop url and credentialsId, or drop target.");
        StepParameters unknown = new StepParameters("upgrade", null, null, null, null, null, null, null, "qa");
        assertRejected(() -> unknown.withTarget(configured), ErrorKind.INVALID_INPUT, "Unknown target 'qa'. Configured"
                + " targets: staging, prod (Manage Jenkins > System > db-migrate targets).");
    }

    @Test
    void shouldNeverShowTheSecretInTheParametersOrTheCredential() {
        CredentialValue user = CredentialValue.usernamePassword("app", Secret.of(MARKER));
        CredentialValue url = CredentialValue.url(Secret.of("postgresql://app:" + MARKER + "@db/app"));

        assertThat(List.of(user.toString(), url.toString())).noneMatch(s -> s.contains(MARKER));
    }

    @Test
    void shouldPassRestoreAndPruneSettingsToTheRequest() {
        MigrationRequest restore = new StepParameters("restore", null, "jdbc:postgresql://db/app", null, null, null, null,
                null, null, "v3_users_nickname_0a1b2c3d, v2_teams_4e5f6a7b", "skip", null, null)
                .toRequest(Map.of(), null, "/ws", "jenkins");
        MigrationRequest prune = new StepParameters("prune", null, "jdbc:postgresql://db/app", null, null, null, null,
                null, null, null, null, "30d", 2).toRequest(Map.of(), null, "/ws", "jenkins");

        assertThat(restore.backupNames()).containsExactly("v3_users_nickname_0a1b2c3d", "v2_teams_4e5f6a7b");
        assertThat(restore.onConflict()).isEqualTo(io.dbmigrate.engine.api.OnConflict.SKIP);
        assertThat(prune.olderThan()).isEqualTo("30d");
        assertThat(prune.keepLast()).isEqualTo(2);
        assertRejected(() -> new StepParameters("restore", null, null, null, null, null, null, null, null, null, "merge",
                null, null), ErrorKind.INVALID_INPUT, "Invalid --on-conflict 'merge'. Use refuse (the default), skip or"
                + " overwrite.");
    }

    @Test
    void shouldCheckEachSnippetGeneratorFieldByTheRulesOfARun() {
        assertThat(StepParameters.problem("", "action", "")).hasValue("dbMigrate needs an action: one of init, upgrade,"
                + " downgrade, current, info, validate, verify, backups, restore, prune, repair.");
        assertThat(StepParameters.problem("", "action", "create")).hasValueSatisfying(
                m -> assertThat(m).startsWith("dbMigrate does not run create"));
        assertThat(StepParameters.problem("", "action", "upgrade")).isEmpty();
        assertThat(StepParameters.problem("current", "revision", "2")).hasValueSatisfying(
                m -> assertThat(m).contains("current"));
        assertThat(StepParameters.problem("downgrade", "revision", "previous")).isEmpty();
        // with no valid action yet, a revision is checked for its syntax alone
        assertThat(StepParameters.problem("", "revision", "-1")).isEmpty();
        assertThat(StepParameters.problem("", "revision", "banana")).isPresent();
        assertThat(StepParameters.problem("upgrade", "url", "postgresql://app:" + MARKER + "@db/app"))
                .hasValueSatisfying(m -> assertThat(m).startsWith("Do not put the password in url").doesNotContain(MARKER));
        assertThat(StepParameters.problem("upgrade", "url", "")).isEmpty();
        assertThat(StepParameters.problem("upgrade", "locations", "classpath:db")).isPresent();
        assertThat(StepParameters.problem("restore", "onConflict", "merge")).isPresent();
        assertThat(StepParameters.problem("restore", "onConflict", "skip")).isEmpty();
        assertThat(StepParameters.problem("upgrade", "lockTimeout", "-1")).isPresent();
        assertThat(StepParameters.problem("upgrade", "lockTimeout", "ten")).hasValue("'ten' is not a whole number.");
        assertThat(StepParameters.problem("prune", "keepLast", "-2")).isPresent();
        assertThat(StepParameters.problem("prune", "keepLast", "3")).isEmpty();
    }

    @Test
    void shouldWantATargetNameThatIsGivenFitsAUrlAndIsUnique() {
        assertThat(StepParameters.targetNamesProblem(List.of("prod", " "))).hasValue("A target needs a name: the admin"
                + " endpoints' URLs and dbMigrate target: use it.");
        assertThat(StepParameters.targetNamesProblem(List.of("prod/eu"))).hasValue("The target name"
                + " 'prod/eu' must be letters, digits, '.', '_' or '-', starting with a letter or digit: it is part of"
                + " the admin endpoints' URLs.");
        assertThat(StepParameters.targetNamesProblem(List.of("staging", "prod", "prod ")))
                .hasValue("Two targets are named 'prod': give each its own name.");
        assertThat(StepParameters.targetNamesProblem(List.of("prod-eu.1", "staging"))).isEmpty();
        assertThat(StepParameters.targetNamesProblem(List.of())).isEmpty();
    }
}
