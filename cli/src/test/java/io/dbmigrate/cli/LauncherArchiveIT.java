package io.dbmigrate.cli;

import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/db-migrate keeps a class-data archive of what a run loads. picocli's own jar holds Java 5 class files, which an
 * archive cannot keep; the build compiles picocli from its sources for Java 17, so its classes are in the archive.
 */
@ExtendWith(PostgresExtension.class)
class LauncherArchiveIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("dbmigrate.launcher", "../bin/db-migrate"));

    @TempDir
    Path tmp;

    @Test
    void shouldKeepPicocliInTheArchiveTheLauncherWrites(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp.resolve("m"));
        Path jar = Files.copy(JarCli.JAR, tmp.resolve("db-migrate.jar"));
        String[] current = CliRun.withLocations(dir, "current");

        List<String> launcher = new ArrayList<>(List.of("bash", LAUNCHER.toAbsolutePath().toString()));
        launcher.addAll(List.of(current));
        // DB_MIGRATE_AOT=0: the JDK 17 kind of archive on any JDK, so the test reads one kind of log
        assertThat(run(launcher, Map.of("DB_MIGRATE_JAR", jar.toString(), "DB_MIGRATE_AOT", "0",
                "JAVA_HOME", System.getProperty("java.home")), db)).startsWith("At revision base;");
        Path archive = tmp.resolve("db-migrate.jsa");
        assertThat(archive).exists();

        Path classes = tmp.resolve("classes.txt");
        List<String> withArchive = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info:file=" + classes, "-jar", jar.toString()));
        withArchive.addAll(List.of(current));
        assertThat(run(withArchive, Map.of(), db)).startsWith("At revision base;");
        assertThat(Files.readString(classes)).contains("picocli.CommandLine source: shared objects file")
                .contains("io.dbmigrate.cli.ActionCommand source: shared objects file");
    }

    /** Runs the command on {@code db} and returns its stdout; fails with its stderr when it fails. */
    private String run(List<String> command, Map<String, String> env, TestDatabase db)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "stdout", ".txt");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeAll(List.of("DATABASE_URL", "FLYWAY_URL", "PGPASSWORD", "PGUSER",
                "JAVA_TOOL_OPTIONS", "DB_MIGRATE_JAR", "DB_MIGRATE_AOT"));
        builder.environment().putAll(CliRun.databaseUrl(db));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(err, StandardCharsets.UTF_8)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
