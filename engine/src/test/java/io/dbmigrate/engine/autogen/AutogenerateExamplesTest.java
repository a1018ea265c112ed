package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped example model (examples/migrations: users and tasks, V1..V5) as one desired schema, by
 * hand and as pg_dump --schema-only writes it (src/test/resources/autogen/).
 */
@Tag("matrix")
@ExtendWith(PostgresExtension.class)
class AutogenerateExamplesTest {
    /** The repository's examples, from the engine module where the tests run. */
    private static final Path EXAMPLES = Path.of("").toAbsolutePath().getParent().resolve("examples/migrations");

    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private static String fixture(String name) throws IOException {
        try (InputStream in = AutogenerateExamplesTest.class.getResourceAsStream("/autogen/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldGenerateFromAnEmptyFolderWhatTheShippedExamplesBuild(TestDatabase db, TestDatabase shipped)
            throws Exception {
        Scenario scenario = new Scenario(tmp, "", fixture("examples-schema.sql"));

        MigrationResult result = scenario.autogenerate(db, "create users and tasks");

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(scenario.files()).containsExactly("U1__create_users_and_tasks.sql", "V1__create_users_and_tasks.sql");
        assertThat(scenario.statements("V1")).containsExactly(
                "CREATE TABLE tasks (",
                "    id bigserial,",
                "    user_id bigint NOT NULL,",
                "    title text NOT NULL,",
                "    status text NOT NULL DEFAULT 'todo'::text,",
                "    priority text NOT NULL DEFAULT 'medium'::text,",
                "    created_at timestamp with time zone NOT NULL DEFAULT now(),",
                "    updated_at timestamp with time zone NOT NULL DEFAULT now(),",
                "    CONSTRAINT tasks_pkey PRIMARY KEY (id),",
                "    CONSTRAINT tasks_priority_check CHECK ((priority = ANY (ARRAY['low'::text, 'medium'::text,"
                        + " 'high'::text]))),",
                "    CONSTRAINT tasks_status_check CHECK ((status = ANY (ARRAY['todo'::text, 'doing'::text,"
                        + " 'done'::text])))",
                ");",
                "CREATE TABLE users (",
                "    id bigserial,",
                "    email text NOT NULL,",
                "    name text NOT NULL,",
                "    created_at timestamp with time zone NOT NULL DEFAULT now(),",
                "    updated_at timestamp with time zone NOT NULL DEFAULT now(),",
                "    CONSTRAINT users_pkey PRIMARY KEY (id),",
                "    CONSTRAINT users_email_key UNIQUE (email)",
                ");",
                "ALTER TABLE tasks ADD CONSTRAINT tasks_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id)"
                        + " ON DELETE CASCADE;",
                "CREATE INDEX tasks_status_idx ON public.tasks USING btree (status);",
                "CREATE INDEX tasks_user_id_idx ON public.tasks USING btree (user_id);");
        assertThat(scenario.statements("U1")).containsExactly("DROP TABLE tasks;", "DROP TABLE users;");

        assertSameAsShipped(scenario, db, shipped);
    }

    @Test
    void shouldTakeTheSchemaAsPgDumpWritesIt(TestDatabase db, TestDatabase shipped) throws Exception {
        // pg_dump 15 of the examples at head: \restrict, SET, OWNER TO, GRANT, and Flyway's own tables
        Scenario scenario = new Scenario(tmp, "", fixture("examples-pg_dump.sql"));

        MigrationResult result = scenario.autogenerate(db, "create users and tasks");

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(scenario.script("V1")).contains("    id bigserial,").doesNotContain("flyway", "db_migrate_audit");
        assertSameAsShipped(scenario, db, shipped);
    }

    @Test
    void shouldWriteTheLastExampleMigrationFromTheOnesBefore(TestDatabase db, TestDatabase shipped) throws Exception {
        Scenario scenario = new Scenario(tmp, "", fixture("examples-schema.sql"));
        copyExamples(scenario.migrations, "1", "2", "3", "4");

        MigrationResult result = scenario.autogenerate(db, "add priority");

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(scenario.statements("V5")).containsExactly(
                "ALTER TABLE tasks ADD COLUMN priority text NOT NULL DEFAULT 'medium'::text;",
                "ALTER TABLE tasks ADD CONSTRAINT tasks_priority_check CHECK ((priority = ANY (ARRAY['low'::text,"
                        + " 'medium'::text, 'high'::text])));");
        assertThat(scenario.statements("U5")).containsExactly(
                "ALTER TABLE tasks DROP CONSTRAINT tasks_priority_check;",
                "ALTER TABLE tasks DROP COLUMN priority;");
        assertSameAsShipped(scenario, db, shipped);
    }

    @Test
    void shouldFindNothingToDoAtTheShippedHead(TestDatabase db) throws Exception {
        Scenario scenario = new Scenario(tmp, "", fixture("examples-schema.sql"));
        copyExamples(scenario.migrations, "1", "2", "3", "4", "5");

        MigrationResult result = scenario.autogenerate(db, "again");

        assertThat(result.message())
                .isEqualTo("No changes: the database at head already matches schema.sql. Nothing was written.");
        assertThat(scenario.files()).hasSize(10);
    }

    /** Upgrades both to head and compares; then the generated scripts' downgrade leaves no table behind. */
    private void assertSameAsShipped(Scenario scenario, TestDatabase db, TestDatabase shipped) throws Exception {
        MigrationResult ours = engine.run(Requests.of(db, Action.UPGRADE, "", scenario.migrations));
        MigrationResult theirs = engine.run(Requests.of(shipped, Action.UPGRADE, "", EXAMPLES));
        assertThat(ours.success()).as(ours.message()).isTrue();
        assertThat(theirs.success()).as(theirs.message()).isTrue();
        assertThat(Scenario.snapshot(db, List.of("public")).differencesTo(Scenario.snapshot(shipped, List.of("public"))))
                .isEmpty();
        MigrationResult down = engine.run(Requests.of(db, Action.DOWNGRADE, "base", scenario.migrations));
        assertThat(down.success()).as(down.message()).isTrue();
        assertThat(db.tables()).containsExactly("db_migrate_audit", "flyway_schema_history");
    }

    private static void copyExamples(Path into, String... versions) throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (Stream.of(versions).anyMatch(v -> name.startsWith("V" + v + "__") || name.startsWith("U" + v + "__"))) {
                    Files.copy(file, into.resolve(name));
                }
            }
        }
    }
}
