package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbmigrate.engine.lock.MigrationLock;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.NoPassword;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a user can get the command line wrong, as one table: each case runs in-process on a fresh database and
 * must give the exact exit status, the error kind (from {@code --json}), the message, and leave the schema, the
 * schema history and the migration folder exactly as they were. Exit status 2 (a wrong command line) is picocli's,
 * before any database work, so it has no result object: stdout stays empty, the message is stderr's first line.
 */
@ExtendWith(PostgresExtension.class)
class CliBadInputTest {
    private static final InProcessCli CLI = new InProcessCli();
    private static final String WRONG_PASSWORD = "wrong-Qz81-password";
    private static final String PASSWORD_IN_URL = "Do not put the password in --url: it shows in the process list."
            + " Put the URL in DATABASE_URL, or the password in PGPASSWORD (or the variable --password-env names).";
    private static final String BAD_REVISION = "'. Use head, base, previous, a version such as 3 or 3.1, or a relative"
            + " step such as -1 or +2.";
    private static final Map<String, String> DATABASE_URL = Map.of("DATABASE_URL", "{postgresUrl}");

    @TempDir
    Path tmp;

    /** What a case may name in its arguments, environment and message: {placeholders}, filled in when it runs. */
    record Where(TestDatabase db, Path dir, int unusedPort, List<AutoCloseable> open) {
        String fill(String template) {
            return template.replace("{dir}", dir.toString()).replace("{db}", db.name())
                    .replace("{port}", String.valueOf(db.port())).replace("{unusedPort}", String.valueOf(unusedPort))
                    .replace("{jdbcUrl}", db.jdbcUrl()).replace("{postgresUrl}", db.postgresUrl())
                    .replace("{user}", PostgresExtension.USER).replace("{password}", PostgresExtension.PASSWORD);
        }

        Path file(String name) {
            return dir.resolve(name);
        }
    }

    /** Brings the database or the folder into the state a case starts from. */
    interface Step {
        void apply(Where where) throws Exception;
    }

    enum Match { WHOLE, PATTERN }

    /**
     * One bad input: the fixture and steps that set it up, the command line (with {@code --locations} of the
     * fixture added unless it names its own, or it is a usage error), and what the user must see.
     */
    record Case(String fixture, List<Step> setup, List<String> args, Map<String, String> env, int exitCode, String kind,
                String message, Match match) {

        static Case on(String fixture) {
            return new Case(fixture, List.of(), List.of(), DATABASE_URL, 0, "", "", Match.WHOLE);
        }

        Case after(Step step) {
            List<Step> steps = new ArrayList<>(setup);
            steps.add(step);
            return new Case(fixture, List.copyOf(steps), args, env, exitCode, kind, message, match);
        }

        Case env(Map<String, String> value) {
            return new Case(fixture, setup, args, value, exitCode, kind, message, match);
        }

        Case run(String... value) {
            return new Case(fixture, setup, List.of(value), env, exitCode, kind, message, match);
        }

        /** Exit status 1 with this kind and this whole message. */
        Case fails(String errorKind, String wholeMessage) {
            return new Case(fixture, setup, args, env, 1, errorKind, wholeMessage, Match.WHOLE);
        }

        Case failsMatching(String errorKind, String regex) {
            return new Case(fixture, setup, args, env, 1, errorKind, regex, Match.PATTERN);
        }

        /** Exit status 2: picocli's or our command-line check, before the engine runs. */
        Case isUsageError(String firstLine) {
            return new Case(fixture, setup, args, env, 2, "", firstLine, Match.WHOLE);
        }

        String[] commandLine(Where where, boolean json) {
            List<String> line = new ArrayList<>(args.stream().map(where::fill).toList());
            if (exitCode == 1 && !args.contains("--locations")) {
                line.addAll(List.of("--locations", "filesystem:" + where.dir()));
            }
            if (json) {
                line.add("--json");
            }
            return line.toArray(String[]::new);
        }

        Map<String, String> environment(Where where) {
            Map<String, String> filled = new LinkedHashMap<>();
            env.forEach((k, v) -> filled.put(k, where.fill(v)));
            return filled;
        }
    }

    // --- steps ------------------------------------------------------------------------------------

    private static Step cli(String... args) {
        return where -> {
            CliRun run = CLI.runOn(where.db(), where.dir(), args);
            assertThat(run.exitCode()).as("set-up: %s\n%s", String.join(" ", args), run.err()).isZero();
        };
    }

    private static Step upgradedTo(String revision) {
        return cli("upgrade", revision);
    }

    private static Step sql(String statement) {
        return where -> where.db().execute(statement);
    }

    private static Step append(String file, String text) {
        return where -> Files.writeString(where.file(file), text, StandardOpenOption.APPEND);
    }

    private static Step copy(String file, String to) {
        return where -> Files.copy(where.file(file), where.file(to));
    }

    private static Step delete(String file) {
        return where -> Files.delete(where.file(file));
    }

    private static Step emptyFolder() {
        return where -> {
            try (Stream<Path> files = Files.list(where.dir())) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        };
    }

    /** The file is gone and a folder of that name stands where it was. */
    private static Step folderInsteadOf(String file) {
        return where -> {
            Files.delete(where.file(file));
            Files.createDirectory(where.file(file));
        };
    }

    /** chmod 000. Root reads such a file anyway, so the case is skipped when the tests run as root. */
    private static Step unreadable(String file) {
        return where -> {
            Files.setPosixFilePermissions(where.file(file), PosixFilePermissions.fromString("---------"));
            Assumptions.assumeFalse(Files.isReadable(where.file(file)), "running as root: chmod 000 does not stop it");
        };
    }

    /** Another session holds the run lock, named as pg_stat_activity shows it, until the case ends. */
    private static Step runLockHeldBy(String applicationName) {
        return where -> {
            Connection other = where.db().connect();
            where.open().add(other);
            try (Statement st = other.createStatement();
                 PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
                st.execute("SET application_name = '" + applicationName + "'");
                lock.setLong(1, MigrationLock.runKey("public", "flyway_schema_history"));
                lock.execute();
            }
        };
    }

    // --- the table --------------------------------------------------------------------------------

    private static Arguments named(String name, Case c) {
        return Arguments.of(Named.of(name, c));
    }

    static Stream<Arguments> cases() {
        String three = "reversible-three";
        return Stream.of(
                // revisions
                named("revision with two dots", Case.on(three).run("upgrade", "3..1")
                        .fails("INVALID_INPUT", "Invalid revision '3..1" + BAD_REVISION)),
                named("revision that is a word", Case.on(three).run("upgrade", "newest")
                        .fails("INVALID_INPUT", "Invalid revision 'newest" + BAD_REVISION)),
                named("relative revision of zero steps", Case.on(three).run("upgrade", "+0")
                        .fails("INVALID_INPUT", "Invalid revision '+0" + BAD_REVISION)),
                named("version with a letter", Case.on(three).after(upgradedTo("head")).run("downgrade", "2.x")
                        .fails("INVALID_INPUT", "Invalid revision '2.x" + BAD_REVISION)),
                named("negative version", Case.on(three).after(upgradedTo("head")).run("downgrade", "-1.5")
                        .fails("INVALID_INPUT", "Invalid revision '-1.5" + BAD_REVISION)),
                named("unknown version", Case.on(three).run("upgrade", "7")
                        .fails("INVALID_INPUT", "Unknown revision '7'. Known versions: 1, 2, 3.")),
                named("relative step beyond the migrations", Case.on(three).run("upgrade", "+4")
                        .fails("INVALID_INPUT", "Relative revision +4 goes beyond the migrations: at revision base"
                                + " only 3 step(s) exist in that direction.")),
                named("previous before any upgrade", Case.on(three).after(cli("init")).run("downgrade", "previous")
                        .fails("INVALID_INPUT", "There is no previous revision yet: no upgrade that changed the"
                                + " revision has been recorded.")),
                named("upgrade below the current revision", Case.on(three).after(upgradedTo("head"))
                        .run("upgrade", "1")
                        .fails("INVALID_INPUT", "Revision 1 is below the current revision 3: use downgrade to go"
                                + " back.")),
                named("upgrade by a negative step", Case.on(three).after(upgradedTo("head")).run("upgrade", "-1")
                        .fails("INVALID_INPUT", "Revision 2 is below the current revision 3: use downgrade to go"
                                + " back.")),
                named("downgrade above the current revision", Case.on(three).after(upgradedTo("1"))
                        .run("downgrade", "3")
                        .fails("INVALID_INPUT", "Revision 3 is above the current revision 1: use upgrade to go"
                                + " forward.")),
                named("init baseline at head", Case.on(three).after(sql("CREATE TABLE legacy (id int)"))
                        .run("init", "head")
                        .fails("INVALID_INPUT", "Invalid revision 'head' for init: a baseline is an explicit version,"
                                + " such as 3.")),

                // the command line itself (exit status 2)
                named("unknown action", Case.on(three).run("frobnicate")
                        .isUsageError("Unmatched argument at index 0: 'frobnicate'")),
                named("no action", Case.on(three).run()
                        .isUsageError("Missing action: use one of init, create, upgrade, downgrade, current, info,"
                                + " validate, verify, backups, repair, serve.")),
                named("revision on current", Case.on(three).run("current", "3")
                        .isUsageError("The action 'current' takes no revision (got '3').")),
                named("revision on info", Case.on(three).run("info", "head")
                        .isUsageError("The action 'info' takes no revision (got 'head').")),
                named("two revisions", Case.on(three).run("upgrade", "2", "3")
                        .isUsageError("Too many arguments: 2 3. Give one revision at most.")),
                named("unknown option", Case.on(three).run("upgrade", "--frobnicate")
                        .isUsageError("Unknown option: '--frobnicate'")),
                named("option without its value", Case.on(three).run("upgrade", "--url")
                        .isUsageError("Missing required parameter for option '--url' (URL)")),
                named("negative lock timeout", Case.on(three).run("upgrade", "--lock-timeout", "-1")
                        .isUsageError("Invalid --lock-timeout -1: use 0 or more seconds.")),
                named("lock timeout that is not a number", Case.on(three).run("upgrade", "--lock-timeout", "soon")
                        .isUsageError("Invalid value for option '--lock-timeout': 'soon' is not an int")),
                named("password in a postgresql:// --url", Case.on(three)
                        .run("upgrade", "--url", "postgresql://{user}:{password}@localhost:{port}/{db}")
                        .isUsageError(PASSWORD_IN_URL)),
                named("password in a postgres:// --url", Case.on(three)
                        .run("upgrade", "--url", "postgres://{user}:{password}@localhost:{port}/{db}")
                        .isUsageError(PASSWORD_IN_URL)),
                named("password in a jdbc --url", Case.on(three)
                        .run("upgrade", "--url", "jdbc:postgresql://{user}:{password}@localhost:{port}/{db}")
                        .isUsageError(PASSWORD_IN_URL)),
                named("password with a slash in --url", Case.on(three)
                        .run("upgrade", "--url", "postgresql://{user}:{password}/x@localhost:{port}/{db}")
                        .isUsageError(PASSWORD_IN_URL)),
                named("password parameter in --url", Case.on(three)
                        .run("upgrade", "--url", "{jdbcUrl}?user={user}&password={password}")
                        .isUsageError(PASSWORD_IN_URL)),
                named("create without a description", Case.on(three).run("create")
                        .fails("INVALID_INPUT", "create needs a description, for example --description \"add"
                                + " priority to tasks\".")),

                // migration files
                named("missing undo script", Case.on("missing-undo").after(upgradedTo("head")).run("downgrade", "base")
                        .fails("IRREVERSIBLE", "Migration V2 cannot be reversed: no U2__*.sql found in"
                                + " filesystem:{dir}. Nothing was changed.")),
                named("applied V file edited, then downgrade", Case.on(three).after(upgradedTo("head"))
                        .after(append("V2__create_tasks.sql", "-- edited\n")).run("downgrade", "base")
                        .fails("CHECKSUM_MISMATCH", "Migration V2__create_tasks.sql was changed after it was applied"
                                + " (checksum mismatch for version 2). Restore the applied file, or run db-migrate repair"
                                + " if the change is intended. Nothing was changed.")),
                named("applied V file edited, then upgrade", Case.on(three).after(upgradedTo("2"))
                        .after(append("V2__create_tasks.sql", "-- edited\n")).run("upgrade")
                        .fails("CHECKSUM_MISMATCH", "Migration V2__create_tasks.sql was changed after it was applied"
                                + " (checksum mismatch for version 2). Restore the applied file, or run db-migrate repair"
                                + " if the change is intended. Nothing was changed.")),
                named("applied V file deleted", Case.on(three).after(upgradedTo("head"))
                        .after(delete("V3__add_priority.sql")).run("downgrade")
                        .fails("CHECKSUM_MISMATCH", "Migration V3 is applied but its file is not in filesystem:{dir}."
                                + " Restore it first. Nothing was changed.")),
                named("two V2 files", Case.on(three).after(copy("V2__create_tasks.sql", "V2__create_tasks_again.sql"))
                        .run("upgrade")
                        .fails("INVALID_INPUT", "Two scripts have version 2: {dir}/V2__create_tasks.sql and"
                                + " {dir}/V2__create_tasks_again.sql. Give each its own version. Nothing was changed.")),
                named("versions 2 and 2.0", Case.on(three).after(copy("V2__create_tasks.sql", "V2.0__again.sql"))
                        .run("upgrade")
                        .fails("INVALID_INPUT", "Two scripts have version 2: {dir}/V2.0__again.sql and"
                                + " {dir}/V2__create_tasks.sql. Give each its own version. Nothing was changed.")),
                named("two U2 files", Case.on(three).after(upgradedTo("head"))
                        .after(copy("U2__create_tasks.sql", "U2__drop_tasks.sql")).run("downgrade", "base")
                        .fails("INVALID_INPUT", "Two scripts have version 2: {dir}/U2__create_tasks.sql and"
                                + " {dir}/U2__drop_tasks.sql. Give each its own version. Nothing was changed.")),
                named("empty migration folder, upgrade to a version", Case.on(three).after(emptyFolder())
                        .run("upgrade", "1")
                        .fails("INVALID_INPUT", "Unknown revision '1'. Known versions: none.")),
                named("empty migration folder under an upgraded database", Case.on(three).after(upgradedTo("head"))
                        .after(emptyFolder()).run("upgrade")
                        .fails("CHECKSUM_MISMATCH", "Migration V1 is applied but its file is not in filesystem:{dir}."
                                + " Restore it first. Nothing was changed.")),
                named("missing migration folder", Case.on(three).run("upgrade", "--locations", "filesystem:{dir}/nope")
                        .fails("INVALID_INPUT", "Migration location {dir}/nope does not exist. Pass --locations with"
                                + " the folder that holds your V<version>__<description>.sql files.")),
                named("unreadable V file (chmod 000)", Case.on(three).after(unreadable("V2__create_tasks.sql"))
                        .run("upgrade")
                        .fails("INVALID_INPUT", "Cannot read migration script {dir}/V2__create_tasks.sql (permission"
                                + " denied): Flyway would skip it. Make it a readable file or move it away. Nothing"
                                + " was changed.")),
                named("folder where a V file should be", Case.on(three).after(folderInsteadOf("V2__create_tasks.sql"))
                        .run("upgrade")
                        .fails("INVALID_INPUT", "Cannot read migration script {dir}/V2__create_tasks.sql (it is a"
                                + " folder): Flyway would skip it. Make it a readable file or move it away. Nothing"
                                + " was changed.")),
                named("folder where a U file should be", Case.on(three).after(upgradedTo("head"))
                        .after(folderInsteadOf("U3__add_priority.sql")).run("downgrade")
                        .fails("INVALID_INPUT", "Cannot read migration script {dir}/U3__add_priority.sql (it is a"
                                + " folder): Flyway would skip it. Make it a readable file or move it away. Nothing"
                                + " was changed.")),
                named("SQL error in script 3", Case.on("broken-sql").after(upgradedTo("2")).run("upgrade")
                        .fails("SQL_ERROR", "Migration V3__broken.sql failed: SQL state 42P01 at line 3: relation"
                                + " \"no_such_table\" does not exist. The database stays at revision 2.")),
                named("SQL error in an undo script", Case.on("undo-fails-third").after(upgradedTo("head"))
                        .run("downgrade", "base")
                        .fails("SQL_ERROR", "Undo script U2__create_tasks.sql failed: SQL state 42P01 at line 2:"
                                + " table \"no_such_table\" does not exist. Everything was rolled back; the database"
                                + " stays at revision 4.")),

                // where and as whom
                named("wrong password", Case.on(three).env(Map.of("PGPASSWORD", WRONG_PASSWORD))
                        .run("upgrade", "--url", "{jdbcUrl}", "--user", "{user}")
                        .fails("AUTHENTICATION", "Authentication failed for user '{user}' at localhost:{port}/{db}."
                                + " Check the password (PGPASSWORD or --password-env).")),
                named("no password at all", Case.on(three).env(Map.of())
                        .run("upgrade", "--url", "{jdbcUrl}", "--user", "{user}")
                        .fails("AUTHENTICATION", "Authentication failed for user '{user}' at localhost:{port}/{db}."
                                + " Check the password (PGPASSWORD or --password-env).")),
                named("nothing listening on the port", Case.on(three).env(Map.of("PGPASSWORD", "{password}"))
                        .run("upgrade", "--url", "jdbc:postgresql://localhost:{unusedPort}/app", "--user", "app")
                        .fails("CONNECTION", "Cannot connect to database at localhost:{unusedPort}/app: connection"
                                + " refused (is PostgreSQL running and listening there?). Check --url (or"
                                + " DATABASE_URL).")),
                named("credentials in a jdbc DATABASE_URL, nothing listening", Case.on(three)
                        .env(Map.of("DATABASE_URL", "jdbc:postgresql://app:{password}@localhost:{unusedPort}/app"))
                        .run("current")
                        .fails("CONNECTION", "Cannot connect to database at localhost:{unusedPort}/app: connection"
                                + " refused (is PostgreSQL running and listening there?). Check DATABASE_URL (or pass"
                                + " --url / url).")),
                named("database that does not exist", Case.on(three)
                        .env(Map.of("DATABASE_URL", "postgresql://{user}:{password}@localhost:{port}/no_such_db"))
                        .run("current")
                        .fails("CONNECTION", "Cannot connect to database at localhost:{port}/no_such_db: database"
                                + " no_such_db does not exist. Check DATABASE_URL (or pass --url / url).")),
                named("URL without a database", Case.on(three)
                        .env(Map.of("DATABASE_URL", "postgresql://{user}:{password}@localhost:{port}"))
                        .run("upgrade")
                        .fails("INVALID_INPUT", "Cannot connect to database: the URL in DATABASE_URL names no database."
                                + " Add one, as in postgresql://host:5432/app.")),
                named("MySQL URL", Case.on(three)
                        .env(Map.of("DATABASE_URL", "mysql://{user}:{password}@localhost:3306/{db}"))
                        .run("upgrade")
                        .fails("INVALID_INPUT", "Cannot connect to database: the URL in DATABASE_URL is not a PostgreSQL"
                                + " URL. Use jdbc:postgresql://host:port/db or postgresql://user@host:port/db.")),
                named("no URL anywhere", Case.on(three).env(Map.of()).run("upgrade")
                        .fails("CONNECTION", "Cannot connect to database: no database URL given. Set DATABASE_URL or"
                                + " pass --url (jdbc:postgresql://host:port/db or postgresql://user@host:port/db).")),

                // the database's state
                named("downgrade of a database without history", Case.on(three).run("downgrade")
                        .fails("NOT_INITIALIZED", "The database is not initialized: schema public has no schema"
                                + " history table. Run init first.")),
                named("upgrade of a schema with tables but no history", Case.on(three)
                        .after(sql("CREATE TABLE legacy (id int)")).run("upgrade")
                        .fails("NOT_INITIALIZED", "Schema public already holds tables but no schema history table."
                                + " Run init with the revision this database is at (for example: init 3) to baseline"
                                + " it.")),
                named("another run holds the lock", Case.on(three).after(upgradedTo("1"))
                        .after(runLockHeldBy("deploy job 41")).run("upgrade", "--lock-timeout", "1")
                        .failsMatching("LOCKED", "Another migration is running: deploy job 41 \\(pid \\d+, user "
                                + PostgresExtension.USER + "\\) has held the lock since \\d{4}-\\d\\d-\\d\\dT\\S+\\."
                                + " Waited 1 s; try again later or raise --lock-timeout\\.")));
    }

    @AfterAll
    static void shouldNeverPrintThePassword() {
        CLI.assertNoPasswordPrinted();
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(f -> dir.relativize(f) + (Files.isDirectory(f) ? "/" : " " + f.toFile().length()))
                    .sorted().toList();
        }
    }

    private static void assertMessage(Case c, String expected, String actual) {
        switch (c.match()) {
            case WHOLE -> assertThat(actual).isEqualTo(expected);
            case PATTERN -> assertThat(actual).matches(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldRefuseWithTheExitStatusKindAndMessageAndChangeNothing(Case c, TestDatabase db) throws Exception {
        Where where = new Where(db, Fixtures.copy(c.fixture(), tmp), PostgresExtension.unusedPort(), new ArrayList<>());
        try {
            for (Step step : c.setup()) {
                step.apply(where);
            }
            List<String> schema = db.fingerprint();
            List<String> history = db.historyRows();
            List<String> folder = files(where.dir());
            String expected = where.fill(c.message());
            Map<String, String> env = c.environment(where);

            if (c.exitCode() == 2) {
                CliRun run = CLI.run(env, c.commandLine(where, false)).assertNoPassword();
                assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
                assertThat(run.out()).isEmpty();
                assertThat(run.errLines()).first().asString().isEqualTo(expected);
            } else {
                CliRun json = CLI.run(env, c.commandLine(where, true)).assertNoPassword();
                assertThat(json.exitCode()).as(json.out() + json.err()).isEqualTo(1);
                JsonNode result = json.json();
                assertThat(result.get("success").asBoolean()).isFalse();
                assertThat(result.get("error").asText()).as(result.get("message").asText()).isEqualTo(c.kind());
                assertMessage(c, expected, result.get("message").asText());
                assertThat(json.errLines()).as("stderr holds progress only").allMatch(line -> line.startsWith("["));

                CliRun human = CLI.run(env, c.commandLine(where, false)).assertNoPassword();
                assertThat(human.exitCode()).isEqualTo(1);
                assertThat(human.out()).isEmpty();
                assertThat(human.errLines()).last().asString()
                        .isEqualTo("FAILED (" + c.kind() + "): " + result.get("message").asText());
            }

            assertThat(db.fingerprint()).as("schema").isEqualTo(schema);
            assertThat(db.historyRows()).as("schema history").isEqualTo(history);
            assertThat(files(where.dir())).as("migration folder").isEqualTo(folder);
        } finally {
            for (AutoCloseable resource : where.open()) {
                resource.close();
            }
        }
    }
}
