package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Flyway project as it is: placeholders and settings in flyway.toml, flyway.conf or FLYWAY_* variables, read by
 * the command line in Flyway's order and used by both Flyway's migrations and our undo scripts.
 */
@ExtendWith(PostgresExtension.class)
class FlywayConfigCliTest {
    private static final String NL = System.lineSeparator();
    private static final InProcessCli CLI = new InProcessCli();

    @TempDir
    Path project;

    @AfterAll
    static void shouldNeverPrintThePassword() {
        CLI.assertNoPasswordPrinted();
    }

    /** V1 creates a table named after ${tag}; U1 drops it by the same name, so an unreplaced U1 fails. */
    private void taggedMigrations() throws IOException {
        write("migrations/V1__tagged.sql", "CREATE TABLE tagged_${tag} (id int);\n");
        write("migrations/U1__tagged.sql", "DROP TABLE tagged_${tag};\n");
    }

    private void write(String name, String text) throws IOException {
        Path file = project.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** The project's directory as the working directory, the connection from DATABASE_URL. */
    private CliRun run(TestDatabase db, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(CliRun.databaseUrl(db));
        env.putAll(extraEnv);
        return CLI.run(env, withWorkingDirectory(args));
    }

    private String[] withWorkingDirectory(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--working-directory";
        all[args.length + 1] = project.toString();
        return all;
    }

    private static List<String> tables(TestDatabase db, String schema) throws Exception {
        return db.column("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "' ORDER BY 1");
    }

    @Test
    void shouldUsePlaceholdersAndTheConnectionOfFlywayTomlForUpgradeAndDowngrade(TestDatabase db) throws Exception {
        taggedMigrations();
        write("flyway.toml", """
                [environments.default]
                url = "%s"
                user = "%s"
                password = "%s"

                [flyway]
                locations = ["filesystem:migrations"]

                [flyway.placeholders]
                tag = "toml"
                """.formatted(db.jdbcUrl(), PostgresExtension.USER, PostgresExtension.PASSWORD));

        CliRun up = CLI.run(Map.of(), withWorkingDirectory("upgrade"));

        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).isEqualTo("Upgraded from revision base to 1: applied 1 migration(s)." + NL);
        assertThat(db.tables()).contains("tagged_toml");

        CliRun down = CLI.run(Map.of(), withWorkingDirectory("downgrade", "base"));

        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        assertThat(down.out()).isEqualTo("Downgraded from revision 1 to base: undid 1 migration(s)." + NL);
        assertThat(db.tables()).doesNotContain("tagged_toml");
        assertThat(db.historyVersions()).isEmpty();
    }

    @Test
    void shouldUsePlaceholdersOfLegacyFlywayConf(TestDatabase db) throws Exception {
        taggedMigrations();
        write("flyway.conf", "flyway.locations=filesystem:migrations\nflyway.placeholders.tag=conf\n");

        CliRun up = run(db, Map.of(), "upgrade");
        assertThat(db.tables()).contains("tagged_conf");
        CliRun down = run(db, Map.of(), "downgrade");

        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        assertThat(db.tables()).doesNotContain("tagged_conf");
    }

    @Test
    void shouldUsePlaceholdersFromFlywayEnvironmentVariables(TestDatabase db) throws Exception {
        taggedMigrations();

        CliRun up = run(db, Map.of("FLYWAY_PLACEHOLDERS_TAG", "env", "FLYWAY_LOCATIONS", "filesystem:migrations"),
                "upgrade");
        assertThat(db.tables()).contains("tagged_env");
        CliRun down = run(db, Map.of("FLYWAY_PLACEHOLDERS_TAG", "env", "FLYWAY_LOCATIONS", "filesystem:migrations"),
                "downgrade");

        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        assertThat(db.tables()).doesNotContain("tagged_env");
    }

    @Test
    void shouldLetPlaceholderOptionsWinOverTheEnvironmentAndTheEnvironmentOverTheFile(TestDatabase db)
            throws Exception {
        taggedMigrations();
        write("flyway.toml", "[flyway]\nlocations = [\"filesystem:migrations\"]\nplaceholders.tag = \"file\"\n");
        Map<String, String> env = Map.of("FLYWAY_PLACEHOLDERS_TAG", "env");

        CliRun fromEnv = run(db, env, "upgrade");
        assertThat(db.tables()).contains("tagged_env");
        CliRun downFromCli = run(db, env, "downgrade", "--placeholder", "tag=env");
        CliRun fromCli = run(db, env, "upgrade", "--placeholder", "tag=cli");

        assertThat(fromEnv.exitCode()).as(fromEnv.err()).isZero();
        assertThat(downFromCli.exitCode()).as(downFromCli.out() + downFromCli.err()).isZero();
        assertThat(fromCli.exitCode()).as(fromCli.err()).isZero();
        assertThat(db.tables()).contains("tagged_cli").doesNotContain("tagged_env", "tagged_file");
    }

    @Test
    void shouldReadAConfigFileGivenWithConfigOverTheDefaultOne(TestDatabase db) throws Exception {
        taggedMigrations();
        write("flyway.toml", "[flyway]\nlocations = [\"filesystem:migrations\"]\nplaceholders.tag = \"file\"\n");
        write("conf/ci.toml", "[flyway.placeholders]\ntag = \"ci\"\n");

        CliRun up = run(db, Map.of(), "upgrade", "--config", "conf/ci.toml");
        assertThat(db.tables()).contains("tagged_ci");
        CliRun down = run(db, Map.of(), "downgrade", "--config", "conf/ci.toml");

        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        assertThat(db.tables()).doesNotContain("tagged_ci");
    }

    @Test
    void shouldWarnAboutSettingsItDoesNotUseInTextAndJson(TestDatabase db) throws Exception {
        taggedMigrations();
        write("flyway.toml", """
                [flyway]
                locations = ["filesystem:migrations"]
                placeholders.tag = "w"
                placeholderz.tag = "typo"
                baselineOnMigrate = true
                """);

        CliRun text = run(db, Map.of(), "upgrade");
        CliRun json = run(db, Map.of(), "current", "--json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).isEqualTo(""
                + "WARNING: Setting 'flyway.baselineOnMigrate' (from flyway.toml) is not used by db-migrate: ignored."
                + NL + "WARNING: Unknown setting 'flyway.placeholderz.tag' (from flyway.toml): ignored." + NL
                + "Upgraded from revision base to 1: applied 1 migration(s)." + NL);
        JsonNode warnings = json.json().get("warnings");
        assertThat(List.of(warnings.get(0).asText(), warnings.get(1).asText())).containsExactly(
                "Setting 'flyway.baselineOnMigrate' (from flyway.toml) is not used by db-migrate: ignored.",
                "Unknown setting 'flyway.placeholderz.tag' (from flyway.toml): ignored.");
        assertThat(warnings).hasSize(2);
    }

    @Test
    void shouldRefuseAPlaceholderWithoutValueAsAWrongCommandLine(TestDatabase db) {
        CliRun run = run(db, Map.of(), "upgrade", "--placeholder", "tag");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0)).isEqualTo("Value for option option '--placeholder' (KEY=VALUE) should be in"
                + " KEY=VALUE format but was tag");
    }

    @Test
    void shouldRefuseAMissingConfigFileBeforeConnecting(TestDatabase db) {
        CliRun run = run(db, Map.of(), "upgrade", "--config", "conf/missing.toml");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("FAILED (INVALID_INPUT): Cannot read config file conf/missing.toml: no such"
                + " file." + NL);
    }

    @Test
    void shouldShowTheWarningThatExplainsAFailure(TestDatabase db) throws Exception {
        taggedMigrations();
        write("flyway.toml", "[flyway]\nlocations = [\"filesystem:migrations\"]\nplaceholder.tag = \"typo\"\n");

        CliRun run = run(db, Map.of(), "upgrade");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines().get(0))
                .isEqualTo("WARNING: Unknown setting 'flyway.placeholder.tag' (from flyway.toml): ignored.");
        assertThat(run.errLines().get(1)).startsWith("FAILED (").contains("No value provided for placeholder: ${tag}");
        assertThat(db.tables()).doesNotContain("tagged_typo");
    }

    @Test
    void shouldGiveUndoScriptsTheDefaultSchemaOfTheSchemasInFlywayToml(TestDatabase db) throws Exception {
        write("migrations/V1__item.sql", "CREATE TABLE ${flyway:defaultSchema}.item (id int);\n");
        write("migrations/U1__item.sql", "DROP TABLE ${flyway:defaultSchema}.item;\n");
        write("flyway.toml", """
                [environments.default]
                schemas = ["app"]

                [flyway]
                locations = ["filesystem:migrations"]
                """);

        CliRun up = run(db, Map.of(), "upgrade");
        List<String> afterUpgrade = tables(db, "app");
        CliRun down = run(db, Map.of(), "downgrade");

        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(afterUpgrade).containsExactly("db_migrate_audit", "flyway_schema_history", "item");
        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        assertThat(down.out()).isEqualTo("Downgraded from revision 1 to base: undid 1 migration(s)." + NL);
        assertThat(tables(db, "app")).doesNotContain("item");
    }

    @Test
    void shouldKeepTheHistoryInTheDefaultSchemaFlywayTomlNames(TestDatabase db) throws Exception {
        taggedMigrations();
        write("flyway.toml", """
                [environments.default]
                schemas = ["app", "other"]

                [flyway]
                defaultSchema = "other"
                locations = ["filesystem:migrations"]
                placeholders.tag = "x"
                """);

        CliRun up = run(db, Map.of(), "upgrade");
        List<String> other = tables(db, "other");
        CliRun down = run(db, Map.of(), "downgrade");

        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(other).containsExactly("db_migrate_audit", "flyway_schema_history", "tagged_x");
        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        assertThat(tables(db, "other")).doesNotContain("tagged_x");
    }

    @Test
    void shouldRefuseAnotherHistoryTableAndChangeNothing(TestDatabase db) throws Exception {
        taggedMigrations();
        write("flyway.toml", "[flyway]\ntable = \"my_history\"\nlocations = [\"filesystem:migrations\"]\n");

        CliRun run = run(db, Map.of(), "upgrade", "--placeholder", "tag=t", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().get("error").asText()).isEqualTo("INVALID_INPUT");
        assertThat(run.json().get("message").asText()).isEqualTo("The Flyway setting table = 'my_history' is not"
                + " supported: db-migrate reads and writes the history in flyway_schema_history only. Remove the"
                + " setting.");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void shouldNeverShowAPasswordFromAConfigFile(TestDatabase db) throws Exception {
        taggedMigrations();
        write("flyway.toml", """
                [environments.default]
                url = "%s"
                user = "%s"
                password = "Wrong-%s"
                [flyway]
                locations = ["filesystem:migrations"]
                placeholders.tag = "p"
                """.formatted(db.jdbcUrl(), PostgresExtension.USER, PostgresExtension.PASSWORD));

        CliRun run = CLI.run(Map.of(), withWorkingDirectory("upgrade", "--json"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().get("error").asText()).isEqualTo("AUTHENTICATION");
        assertThat(run.json().get("message").asText()).isEqualTo("Authentication failed for user 'dbm_app' at"
                + " localhost:" + db.port() + "/" + db.name() + ". Check the password (PGPASSWORD or --password-env).");
        assertThat(run.out() + run.err()).doesNotContain("Wrong-");
    }
}
