package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code target/db-migrate.jar} run as a real process ({@code java -jar}), as a CI job would:
 * the password only in the child's environment, the JSON result read from its stdout.
 * Runs in the integration-test phase, after the shade plugin built the jar.
 */
@ExtendWith(PostgresExtension.class)
class CliProcessIT {
    private static final Path EXAMPLES = Path.of(System.getProperty("dbmigrate.examples", "../examples/migrations"));
    private static final JarCli CLI = new JarCli();

    @TempDir
    Path tmp;

    private CliRun run(Map<String, String> env, String... args) throws Exception {
        return CLI.run(tmp, env, args);
    }

    private static Map<String, String> env(TestDatabase db) {
        return CliRun.databaseUrl(db);
    }

    @AfterAll
    static void shouldNeverPrintThePassword() {
        CLI.assertNoPasswordPrinted();
    }

    @Test
    void shouldUpgradeThenReportTheCurrentRevisionAsJson(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        CliRun upgrade = run(env(db), "upgrade", "--json", "--locations", "filesystem:" + dir);
        CliRun current = run(env(db), "current", "--json", "--locations", "filesystem:" + dir);

        assertThat(upgrade.exitCode()).as(upgrade.err()).isZero();
        JsonNode result = upgrade.json();
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.get("message").asText()).isEqualTo("Upgraded from revision base to 3: applied 3 migration(s).");
        assertThat(result.get("currentRevision").asText()).isEqualTo("3");
        assertThat(result.get("migrations").findValuesAsText("version")).containsExactly("1", "2", "3");
        assertThat(upgrade.err().lines()).hasSize(3).allMatch(line -> line.matches("\\[\\d/3] V\\d__\\w+\\.sql … \\d+ ms"));

        assertThat(current.exitCode()).as(current.err()).isZero();
        JsonNode now = current.json();
        assertThat(now.get("success").asBoolean()).isTrue();
        assertThat(now.get("action").asText()).isEqualTo("current");
        assertThat(now.get("message").asText()).isEqualTo("At revision 3; up to date.");
        assertThat(now.get("currentRevision").asText()).isEqualTo("3");
        assertThat(now.get("previousRevision").asText()).isEqualTo("base");
        assertThat(now.get("pending").asInt()).isZero();
        assertThat(current.err()).isEmpty();
    }

    @Test
    void shouldDowngradeToBase(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(env(db), "upgrade", "--locations", "filesystem:" + dir);

        CliRun down = run(env(db), "downgrade", "base", "--locations", "filesystem:" + dir);

        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out().strip()).isEqualTo("Downgraded from revision 3 to base: undid 3 migration(s).");
        assertThat(down.err().lines()).hasSize(3);
        assertThat(db.historyVersions()).isEmpty();
        assertThat(db.tables()).containsExactlyInAnyOrder("flyway_schema_history", "db_migrate_audit");
    }

    @Test
    void shouldExitWithOneWhenAMigrationCannotBeReversed(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("missing-undo", tmp);
        run(env(db), "upgrade", "--locations", "filesystem:" + dir);

        CliRun down = run(env(db), "downgrade", "base", "--json", "--locations", "filesystem:" + dir);

        assertThat(down.exitCode()).isEqualTo(1);
        JsonNode result = down.json();
        assertThat(result.get("success").asBoolean()).isFalse();
        assertThat(result.get("error").asText()).isEqualTo("IRREVERSIBLE");
        assertThat(result.get("message").asText()).isEqualTo("Migration V2 cannot be reversed: no U2__*.sql found in"
                + " filesystem:" + dir + ". Nothing was changed.");
        assertThat(result.get("currentRevision").asText()).isEqualTo("3");
        assertThat(down.err()).isEmpty();
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldListEveryActionInTheHelp() throws Exception {
        CliRun help = run(Map.of(), "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: db-migrate ");
        for (Action action : Action.values()) {
            // restore and prune are subcommands of backups
            String listed = action == Action.RESTORE || action == Action.PRUNE ? "backups" : action.id();
            assertThat(help.out()).containsPattern("(?m)^ +" + listed + " +\\S");
        }
        assertThat(help.err()).isEmpty();
        CliRun backups = run(Map.of(), "backups", "--help");
        assertThat(backups.out()).containsPattern("(?m)^ +restore +\\S").containsPattern("(?m)^ +prune +\\S");
    }

    @Test
    void shouldRunTheExamplesOnAnEmbeddedServerThatKeepsItsData() throws Exception {
        Path data = tmp.resolve("embedded");
        String locations = "filesystem:" + EXAMPLES.toAbsolutePath().normalize();

        CliRun upgrade = run(Map.of(), "upgrade", "--embedded=" + data, "--locations", locations);
        CliRun current = run(Map.of(), "current", "--embedded=" + data, "--json", "--locations", locations);

        assertThat(upgrade.exitCode()).as(upgrade.err()).isZero();
        assertThat(upgrade.out().strip()).isEqualTo("Upgraded from revision base to 5: applied 5 migration(s).");
        assertThat(current.exitCode()).as(current.err()).isZero();
        JsonNode now = current.json();
        assertThat(now.get("currentRevision").asText()).isEqualTo("5");
        assertThat(now.get("pending").asInt()).isZero();
        assertThat(current.err()).startsWith("Starting embedded PostgreSQL (data in " + data.toAbsolutePath());
    }
}
