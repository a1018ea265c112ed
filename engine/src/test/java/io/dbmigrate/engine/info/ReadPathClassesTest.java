package io.dbmigrate.engine.info;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * current, info and a downgrade (its planning and its end) never start Flyway: in a JVM of their own, none of Flyway's
 * entry point, fluent configuration or plugin classes is loaded. An upgrade, which does start it, shows the check
 * sees them.
 */
@ExtendWith(PostgresExtension.class)
class ReadPathClassesTest {
    private static final List<String> FLYWAY_START = List.of("org.flywaydb.core.Flyway ",
            "org.flywaydb.core.api.configuration.FluentConfiguration ", "org.flywaydb.core.internal.plugin.");

    @TempDir
    Path tmp;

    @Test
    void shouldReadWithoutStartingFlyway(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp.resolve("m"));
        assertThat(new MigrationEngine().run(Requests.of(db, Action.UPGRADE, "head", dir)).success()).isTrue();

        for (String[] run : List.of(new String[] {"current", ""}, new String[] {"info", ""},
                new String[] {"downgrade", "-1"})) {
            String loaded = classesLoaded(db, dir, run[0], run[1], true);
            assertThat(loaded).as(run[0]).contains("io.dbmigrate.engine.info.HistoryInfo ");
            FLYWAY_START.forEach(name -> assertThat(loaded).as(run[0]).doesNotContain(name));
        }
        String downgrade = classesLoaded(db, dir, "downgrade", "-1", false);
        FLYWAY_START.forEach(name -> assertThat(downgrade).as("downgrade").doesNotContain(name));
        assertThat(db.historyVersions()).containsExactly("1", "2");
    }

    @Test
    void shouldSeeFlywayStartedByAnUpgrade(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp.resolve("m"));

        String loaded = classesLoaded(db, dir, "upgrade", "head", false);

        assertThat(loaded).contains("org.flywaydb.core.Flyway ", "org.flywaydb.core.api.configuration.FluentConfiguration ");
    }

    /** The classes a run loads, one per line as -Xlog:class+load writes them; the run must succeed. */
    private String classesLoaded(TestDatabase db, Path dir, String action, String revision, boolean dryRun)
            throws Exception {
        Path log = Files.createTempFile(tmp, "classes", ".txt");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                ReadPathMain.class.getName(), action, revision, String.valueOf(dryRun), db.jdbcUrl(), dir.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("DBM_PASSWORD", PostgresExtension.PASSWORD);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(action + ": " + Files.readString(out)).isZero();
        return Files.readString(log);
    }
}
