package io.dbmigrate.cli;

import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DbMigrateCommand#execute} in-process with captured stdout and stderr, the password only in the given
 * environment. Keeps every run, so a test class can check after all its tests that none printed the password.
 */
final class InProcessCli {
    private final List<CliRun> runs = new CopyOnWriteArrayList<>();

    CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = DbMigrateCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        CliRun run = new CliRun(exitCode, out.toString(), err.toString());
        runs.add(run);
        return run;
    }

    /** On {@code db} through DATABASE_URL, with the migrations in {@code migrations}. */
    CliRun runOn(TestDatabase db, Path migrations, String... args) {
        return run(CliRun.databaseUrl(db), CliRun.withLocations(migrations, args));
    }

    void assertNoPasswordPrinted() {
        assertThat(runs).isNotEmpty();
        assertThat(runs).as("runs that printed the password")
                .filteredOn(run -> (run.out() + run.err()).contains(PostgresExtension.PASSWORD)).isEmpty();
    }
}
