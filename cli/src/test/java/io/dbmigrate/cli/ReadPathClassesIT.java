package io.dbmigrate.cli;

import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code java -jar db-migrate.jar current} loads: none of Flyway's start-up (its entry point, fluent
 * configuration, plugins), no Jackson unless the output is JSON, and no other subcommand than the one named.
 */
@ExtendWith(PostgresExtension.class)
class ReadPathClassesIT {
    private static final JarCli CLI = new JarCli();
    private static final List<String> FLYWAY_START = List.of("org.flywaydb.core.Flyway ",
            "org.flywaydb.core.api.configuration.FluentConfiguration ", "org.flywaydb.core.internal.plugin.");

    @TempDir
    Path tmp;

    @AfterAll
    static void shouldNeverPrintThePassword() {
        CLI.assertNoPasswordPrinted();
    }

    @Test
    void shouldReportTheCurrentRevisionWithoutStartingFlywayOrJackson(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp.resolve("m"));
        assertThat(CLI.runOn(tmp, db, dir, "upgrade").exitCode()).isZero();

        Path classes = tmp.resolve("classes.txt");
        CliRun current = CLI.start(tmp, logClasses(db, classes), CliRun.withLocations(dir, "current")).await();

        assertThat(current.exitCode()).as(current.err()).isZero();
        assertThat(current.out()).startsWith("At revision 3; up to date.");
        String loaded = Files.readString(classes);
        FLYWAY_START.forEach(name -> assertThat(loaded).doesNotContain(name));
        assertThat(loaded).doesNotContain("com.fasterxml.").doesNotContain("io.dbmigrate.cli.ServeCommand ")
                .contains("io.dbmigrate.engine.info.HistoryInfo ");
    }

    @Test
    void shouldLoadJacksonForJsonOutput(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp.resolve("m"));
        Path classes = tmp.resolve("classes.txt");

        CliRun current = CLI.start(tmp, logClasses(db, classes), CliRun.withLocations(dir, "current", "--json"))
                .await();

        assertThat(current.exitCode()).as(current.err()).isZero();
        assertThat(Files.readString(classes)).contains("com.fasterxml.jackson.databind.ObjectMapper ");
    }

    private static Map<String, String> logClasses(TestDatabase db, Path file) {
        Map<String, String> env = new HashMap<>(CliRun.databaseUrl(db));
        env.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + file);
        return env;
    }
}
