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
}
