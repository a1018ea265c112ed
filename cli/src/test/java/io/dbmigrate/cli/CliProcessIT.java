package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbmigrate.engine.Action;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code target/db-migrate.jar} run as a real process ({@code java -jar}), as a CI job would:
 * the password only in the child's environment, the JSON result read from its stdout.
 * Runs in the integration-test phase, after the shade plugin built the jar.
 */
@ExtendWith(PostgresExtension.class)
class CliProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Path JAR = Path.of(System.getProperty("dbmigrate.jar", "target/db-migrate.jar"));
    private static final Path EXAMPLES = Path.of(System.getProperty("dbmigrate.examples", "../examples/migrations"));
    private static final List<String> OUTPUTS = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not one JSON value: " + out + "\nstderr: " + err, e);
            }
        }
    }

    /** {@code java -jar db-migrate.jar args...} with only the given variables added to the environment. */
    private Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "stdout", ".txt");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeAll(List.of("DATABASE_URL", "FLYWAY_URL", "PGPASSWORD", "PGUSER"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("db-migrate " + String.join(" ", args) + " did not finish in 120 s");
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        OUTPUTS.add(run.out());
        OUTPUTS.add(run.err());
        return run;
    }

    private static Map<String, String> env(TestDatabase db) {
        return Map.of("DATABASE_URL", db.postgresUrl());
    }

    @AfterAll
    static void shouldNeverPrintThePassword() {
        assertThat(OUTPUTS).isNotEmpty();
        assertThat(OUTPUTS).as("outputs holding the password").filteredOn(text -> text.contains(PostgresExtension.PASSWORD))
                .isEmpty();
    }

    @Test
    void shouldUpgradeThenReportTheCurrentRevisionAsJson(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        Run upgrade = run(env(db), "upgrade", "--json", "--locations", "filesystem:" + dir);
        Run current = run(env(db), "current", "--json", "--locations", "filesystem:" + dir);

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

        Run down = run(env(db), "downgrade", "base", "--locations", "filesystem:" + dir);

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

        Run down = run(env(db), "downgrade", "base", "--json", "--locations", "filesystem:" + dir);

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
        Run help = run(Map.of(), "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: db-migrate ");
        for (Action action : Action.values()) {
            assertThat(help.out()).containsPattern("(?m)^ +" + action.id() + " +\\S");
        }
        assertThat(help.err()).isEmpty();
    }

    @Test
    void shouldRunTheExamplesOnAnEmbeddedServerThatKeepsItsData() throws Exception {
        Path data = tmp.resolve("embedded");
        String locations = "filesystem:" + EXAMPLES.toAbsolutePath().normalize();

        Run upgrade = run(Map.of(), "upgrade", "--embedded=" + data, "--locations", locations);
        Run current = run(Map.of(), "current", "--embedded=" + data, "--json", "--locations", locations);

        assertThat(upgrade.exitCode()).as(upgrade.err()).isZero();
        assertThat(upgrade.out().strip()).isEqualTo("Upgraded from revision base to 5: applied 5 migration(s).");
        assertThat(current.exitCode()).as(current.err()).isZero();
        JsonNode now = current.json();
        assertThat(now.get("currentRevision").asText()).isEqualTo("5");
        assertThat(now.get("pending").asInt()).isZero();
        assertThat(current.err()).startsWith("Starting embedded PostgreSQL (data in " + data.toAbsolutePath());
    }
}
