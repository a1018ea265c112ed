package io.dbmigrate.cli;

import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;

import java.io.IOException;
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
 * The packaged {@code target/db-migrate.jar} as a real process ({@code java -jar}), as a CI job runs it: only the
 * given variables added to a cleaned environment, stdout and stderr in files. Keeps every run, so a test class
 * can check after all its tests that none printed the password.
 */
final class JarCli {
    static final Path JAR = Path.of(System.getProperty("dbmigrate.jar", "target/db-migrate.jar"));

    private final List<CliRun> runs = new CopyOnWriteArrayList<>();

    /** A started {@code db-migrate} process. */
    final class Started {
        private final Process process;
        private final Path out;
        private final Path err;
        private final String command;

        private Started(Process process, Path out, Path err, String command) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.command = command;
        }

        /** Waits for it to end on its own (at most 120 s). */
        CliRun await() throws Exception {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in 120 s");
            }
            return collect();
        }

        /** kill -9: no shutdown hook, no finally block, no goodbye to the server. Returns what it printed so far. */
        CliRun kill() throws Exception {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(command + " ended").isTrue();
            return collect();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        private CliRun collect() throws IOException {
            CliRun run = new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            runs.add(run);
            return run;
        }
    }

    /** Starts {@code java -jar db-migrate.jar args...} in {@code workDir} (which also gets its output files). */
    Started start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return startCommand(workDir, env, command, "db-migrate " + String.join(" ", args));
    }

    /**
     * Starts {@code command} (a launcher, or java with options of its own) as {@link #start} starts the jar: none of
     * the variables that name a database or shape the JVM or the launcher are inherited, only {@code env}.
     */
    Started startCommand(Path workDir, Map<String, String> env, List<String> command, String label)
            throws IOException {
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeAll(List.of("DATABASE_URL", "FLYWAY_URL", "PGPASSWORD", "PGUSER",
                "JAVA_TOOL_OPTIONS", "DB_MIGRATE_JAR", "DB_MIGRATE_AOT"));
        builder.environment().putAll(env);
        return new Started(builder.start(), out, err, label);
    }

    /** The java of the JVM that runs the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    CliRun run(Path workDir, Map<String, String> env, String... args) throws Exception {
        return start(workDir, env, args).await();
    }

    /** On {@code db} through DATABASE_URL, with the migrations in {@code migrations}. */
    Started startOn(Path workDir, TestDatabase db, Path migrations, String... args) throws IOException {
        return start(workDir, CliRun.databaseUrl(db), CliRun.withLocations(migrations, args));
    }

    CliRun runOn(Path workDir, TestDatabase db, Path migrations, String... args) throws Exception {
        return startOn(workDir, db, migrations, args).await();
    }

    void assertNoPasswordPrinted() {
        assertThat(runs).isNotEmpty();
        assertThat(runs).as("runs that printed the password")
                .filteredOn(run -> (run.out() + run.err()).contains(PostgresExtension.PASSWORD)).isEmpty();
    }
}
