package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code create --autogenerate FILE} from the command line. */
@ExtendWith(PostgresExtension.class)
class CreateAutogenerateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path tmp;

    private int execute(Map<String, String> env, String... args) {
        return DbMigrateCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    }

    @Test
    void shouldWriteThePairFromTheSchemaFile(TestDatabase db) throws Exception {
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create_tasks.sql"), "CREATE TABLE tasks (id bigserial PRIMARY KEY);");
        Path schema = Files.writeString(tmp.resolve("schema.sql"),
                "CREATE TABLE tasks (id bigserial PRIMARY KEY, priority text NOT NULL DEFAULT 'medium');");

        int status = execute(Map.of("TEST_DB_PASSWORD", PostgresExtension.PASSWORD), "create", "--url", db.jdbcUrl(),
                "--user", PostgresExtension.USER, "--password-env", "TEST_DB_PASSWORD",
                "--locations", "filesystem:" + migrations, "--autogenerate", schema.toString(),
                "--description", "add priority", "--json");

        assertThat(status).as(out + "" + err).isZero();
        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("target").asText()).isEqualTo("2");
        assertThat(Files.readString(migrations.resolve("V2__add_priority.sql")))
                .endsWith("\nALTER TABLE tasks ADD COLUMN priority text NOT NULL DEFAULT 'medium'::text;\n");
        assertThat(Files.readString(migrations.resolve("U2__add_priority.sql")))
                .endsWith("\nALTER TABLE tasks DROP COLUMN priority;\n");
        assertThat(out.toString() + err).doesNotContain(PostgresExtension.PASSWORD);
    }

    @Test
    void shouldNeedAConnectionUnlikePlainCreate() throws Exception {
        int status = execute(Map.of(), "create", "--locations", "filesystem:" + tmp, "--autogenerate", "schema.sql",
                "--description", "add priority", "--json");

        assertThat(status).isEqualTo(1);
        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.get("error").asText()).isEqualTo("CONNECTION");
        assertThat(json.get("message").asText()).isEqualTo("Cannot connect to database: no database URL given. Set"
                + " DATABASE_URL or pass --url (jdbc:postgresql://host:port/db or postgresql://user@host:port/db).");
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldRejectTheOptionOnOtherActions() {
        int status = execute(Map.of(), "upgrade", "--autogenerate", "schema.sql");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--autogenerate is for create (got 'upgrade').");
    }

    @Test
    void shouldDescribeTheOptionInTheHelp() {
        int status = execute(Map.of(), "create", "--help");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("--autogenerate=FILE");
    }
}
