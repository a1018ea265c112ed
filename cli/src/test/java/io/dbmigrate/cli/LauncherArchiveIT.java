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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/db-migrate keeps a class-data archive of what a run loads, one per action. picocli's own jar holds Java 5 class
 * files, which an archive cannot keep; the build compiles picocli from its sources for Java 17, so its classes are in
 * the archive.
 */
@ExtendWith(PostgresExtension.class)
class LauncherArchiveIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("dbmigrate.launcher", "../bin/db-migrate"));
    private static final JarCli CLI = new JarCli();

    @TempDir
    Path tmp;

    @Test
    void shouldKeepAnArchivePerActionWithPicocliInIt(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp.resolve("m"));
        Path jar = Files.copy(JarCli.JAR, tmp.resolve("db-migrate.jar"));
        assertThat(CLI.runOn(tmp, db, dir, "upgrade").exitCode()).isZero();

        assertThat(launch(db, jar, CliRun.withLocations(dir, "current"))).startsWith("At revision 3; up to date.");
        Path current = tmp.resolve("db-migrate-current.jsa");
        Path downgrade = tmp.resolve("db-migrate-downgrade.jsa");
        assertThat(current).exists();
        assertThat(downgrade).doesNotExist();
        assertThat(launch(db, jar, CliRun.withLocations(dir, "downgrade", "base")))
                .startsWith("Downgraded from revision 3 to base");
        assertThat(downgrade).exists();

        assertThat(classesFromArchive(db, jar, current, CliRun.withLocations(dir, "current")))
                .contains("picocli.CommandLine source: shared objects file")
                .contains("io.dbmigrate.cli.ActionCommand source: shared objects file");
        assertThat(CLI.runOn(tmp, db, dir, "upgrade").exitCode()).isZero();
        assertThat(classesFromArchive(db, jar, downgrade, CliRun.withLocations(dir, "downgrade", "base")))
                .contains("io.dbmigrate.engine.undo.UndoRunner source: shared objects file");
    }

    @AfterAll
    static void shouldNeverPrintThePassword() {
        CLI.assertNoPasswordPrinted();
    }

    /** bin/db-migrate on {@code jar} (its archives go beside it); returns stdout. */
    private String launch(TestDatabase db, Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(CliRun.databaseUrl(db));
        // DB_MIGRATE_AOT=0: the JDK 17 kind of archive on any JDK, so the test reads one kind of log
        env.putAll(Map.of("DB_MIGRATE_JAR", jar.toString(), "DB_MIGRATE_AOT", "0",
                "JAVA_HOME", System.getProperty("java.home")));
        return succeeded(CLI.startCommand(tmp, env, command, "bin/db-migrate " + String.join(" ", args)).await());
    }

    /** The class-loading log of a run of {@code jar} on the launcher's settings with {@code archive}. */
    private String classesFromArchive(TestDatabase db, Path jar, Path archive, String... args) throws Exception {
        Path classes = Files.createTempFile(tmp, "classes", ".txt");
        List<String> command = new ArrayList<>(List.of(JarCli.java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info:file=" + classes, "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        succeeded(CLI.startCommand(tmp, CliRun.databaseUrl(db), command, "java -jar " + String.join(" ", args))
                .await());
        return Files.readString(classes);
    }

    private static String succeeded(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }
}
