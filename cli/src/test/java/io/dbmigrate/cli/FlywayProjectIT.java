package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Flyway project dropped in unchanged, run by the packaged jar as a process in the project's directory: the
 * connection, locations, schemas and placeholders all come from its flyway.toml, the password from the environment
 * through {@code ${env.NAME}}, as Flyway reads them.
 */
@ExtendWith(PostgresExtension.class)
class FlywayProjectIT {
    private static final JarCli CLI = new JarCli();

    @TempDir
    Path project;

    @AfterAll
    static void shouldNeverPrintThePassword() {
        CLI.assertNoPasswordPrinted();
    }

    @Test
    void shouldUpgradeAndDowngradeAFlywayTomlProjectWithPlaceholders(TestDatabase db) throws Exception {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/V1__create_events.sql"),
                "CREATE TABLE ${flyway:defaultSchema}.events_${suffix} (id int, env text DEFAULT '${env_name}');\n");
        Files.writeString(project.resolve("migrations/U1__create_events.sql"),
                "DROP TABLE ${flyway:defaultSchema}.events_${suffix};\n");
        Files.writeString(project.resolve("flyway.toml"), """
                id = "b6f2d6a1-7a0e-4a55-9d1c-0c1f7e3c2b10"
                databaseType = "PostgreSql"

                [environments.default]
                url = "%s"
                user = "%s"
                password = "${env.APP_DB_PASSWORD}"
                schemas = ["reporting"]

                [flyway]
                locations = ["filesystem:migrations"]

                [flyway.placeholders]
                suffix = "v2"
                env_name = "staging"
                """.formatted(db.jdbcUrl(), PostgresExtension.USER));
        Map<String, String> env = Map.of("APP_DB_PASSWORD", PostgresExtension.PASSWORD);

        CliRun up = CLI.run(project, env, "upgrade", "--json");

        assertThat(up.exitCode()).as(up.err()).isZero();
        JsonNode result = up.json();
        assertThat(result.get("message").asText()).isEqualTo("Upgraded from revision base to 1: applied 1 migration(s).");
        assertThat(result.get("warnings")).extracting(JsonNode::asText).containsExactly(
                "Setting 'id' (from flyway.toml) is not used by db-migrate: ignored.",
                "Setting 'databaseType' (from flyway.toml) is not used by db-migrate: ignored.");
        assertThat(db.value("SELECT column_default FROM information_schema.columns WHERE table_schema = 'reporting'"
                + " AND table_name = 'events_v2' AND column_name = 'env'")).isEqualTo("'staging'::text");

        CliRun down = CLI.run(project, env, "downgrade", "base");

        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        assertThat(down.out()).contains("Downgraded from revision 1 to base: undid 1 migration(s).");
        assertThat(db.value("SELECT count(*) FROM pg_tables WHERE schemaname = 'reporting' AND tablename = 'events_v2'"))
                .isEqualTo("0");
    }

    /**
     * Two schemas, as many Flyway projects keep them: the history in the first, a table in the second that refers to
     * the first; its rows survive a downgrade in a backup and come back after the re-upgrade.
     */
    @Test
    void shouldKeepAndRestoreDataAcrossTheSchemasAFlywayTomlProjectManages(TestDatabase db) throws Exception {
        Files.createDirectories(project.resolve("sql"));
        Files.writeString(project.resolve("sql/V1__accounts.sql"),
                "CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL);\n");
        Files.writeString(project.resolve("sql/U1__accounts.sql"), "DROP TABLE accounts;\n");
        Files.writeString(project.resolve("sql/V2__audit_log.sql"), "CREATE TABLE audit.log (id int PRIMARY KEY,"
                + " account_id int REFERENCES ${flyway:defaultSchema}.accounts (id), note text);\n");
        Files.writeString(project.resolve("sql/U2__audit_log.sql"), "DROP TABLE audit.log;\n");
        Files.writeString(project.resolve("flyway.toml"), """
                [environments.default]
                url = "%s"
                user = "%s"
                password = "${env.APP_DB_PASSWORD}"
                schemas = ["app", "audit"]

                [flyway]
                locations = ["filesystem:sql"]
                """.formatted(db.jdbcUrl(), PostgresExtension.USER));
        Map<String, String> env = Map.of("APP_DB_PASSWORD", PostgresExtension.PASSWORD);
        assertThat(CLI.run(project, env, "upgrade").exitCode()).isZero();
        db.execute("INSERT INTO app.accounts VALUES (1, 'ada'); INSERT INTO audit.log VALUES (10, 1, 'signed up')");

        CliRun down = CLI.run(project, env, "downgrade");
        CliRun current = CLI.run(project, env, "current", "--json");

        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        assertThat(down.out()).contains("Downgraded from revision 2 to 1: undid 1 migration(s).");
        assertThat(db.value("SELECT to_regclass('audit.log')")).isNull();
        assertThat(db.value("SELECT count(*) FROM app.flyway_schema_history WHERE success")).isEqualTo("2");
        assertThat(current.json().get("currentRevision").asText()).isEqualTo("1");

        assertThat(CLI.run(project, env, "upgrade").exitCode()).isZero();
        CliRun restore = CLI.run(project, env, "backups", "restore");

        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.out()).contains("Restored 1 backup(s), 1 row(s).");
        assertThat(db.column("SELECT id || ' ' || account_id || ' ' || note FROM audit.log")).containsExactly(
                "10 1 signed up");
    }

    /**
     * Flyway's name check on, in the packaged jar: its own plugins and db-migrate's (U as a prefix) are both found, so
     * the undo scripts pass the check and a misnamed one stops the upgrade before anything is applied.
     */
    @Test
    void shouldRunWithFlywaysNameCheckOnAndRefuseAMisnamedUndoScript(TestDatabase db) throws Exception {
        Files.createDirectories(project.resolve("sql"));
        Files.writeString(project.resolve("sql/V1__accounts.sql"), "CREATE TABLE accounts (id int PRIMARY KEY);\n");
        Files.writeString(project.resolve("sql/U1__accounts.sql"), "DROP TABLE accounts;\n");
        Files.writeString(project.resolve("flyway.toml"), """
                [environments.default]
                url = "%s"
                user = "%s"
                password = "${env.APP_DB_PASSWORD}"

                [flyway]
                locations = ["filesystem:sql"]
                validateMigrationNaming = true
                """.formatted(db.jdbcUrl(), PostgresExtension.USER));
        Map<String, String> env = Map.of("APP_DB_PASSWORD", PostgresExtension.PASSWORD);

        CliRun up = CLI.run(project, env, "upgrade");
        CliRun down = CLI.run(project, env, "downgrade");

        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        assertThat(down.out()).contains("Downgraded from revision 1 to base: undid 1 migration(s).");

        Files.writeString(project.resolve("sql/U2_misnamed.sql"), "SELECT 1;\n");
        CliRun refused = CLI.run(project, env, "upgrade");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("FAILED (INVALID_INPUT): Flyway refused the migrations: Invalid SQL filenames"
                + " found: Invalid versioned migration name format: U2_misnamed.sql (could not recognise version number"
                + " 2_misnamed).");
        assertThat(db.value("SELECT to_regclass('accounts')")).isNull();
    }
}
