package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a user meets it: {@link DbMigrateCommand#execute} in-process with captured stdout and
 * stderr, a real PostgreSQL database per test, the password only in the environment.
 */
@ExtendWith(PostgresExtension.class)
class CliTest {
    private static final String NL = System.lineSeparator();
    private static final InProcessCli CLI = new InProcessCli();

    @TempDir
    Path tmp;

    private static CliRun run(Map<String, String> env, String... args) {
        return CLI.run(env, args);
    }

    private static String[] args(Path migrations, String... args) {
        return CliRun.withLocations(migrations, args);
    }

    private CliRun onDb(TestDatabase db, Path migrations, String... args) {
        return CLI.runOn(db, migrations, args);
    }

    private Path fixture(String scenario) {
        return Fixtures.copy(scenario, tmp);
    }

    @AfterAll
    static void shouldNeverPrintThePassword() {
        CLI.assertNoPasswordPrinted();
    }

    // --- actions --------------------------------------------------------------------------------

    @Test
    void shouldUpgradeToHeadWithTheSummaryOnStdoutAndOneProgressLinePerMigrationOnStderr(TestDatabase db)
            throws Exception {
        Path dir = fixture("reversible-three");

        CliRun run = onDb(db, dir, "upgrade");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Upgraded from revision base to 3: applied 3 migration(s)." + NL);
        assertThat(run.errLines()).hasSize(3);
        assertThat(run.errLines().get(0)).matches("\\[1/3] V1__create_users\\.sql … \\d+ ms");
        assertThat(run.errLines().get(1)).matches("\\[2/3] V2__create_tasks\\.sql … \\d+ ms");
        assertThat(run.errLines().get(2)).matches("\\[3/3] V3__add_priority\\.sql … \\d+ ms");
        assertThat(db.tables()).contains("users", "tasks");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldPrintOnlyTheResultObjectOnStdoutWithJson(TestDatabase db) throws Exception {
        Path dir = fixture("reversible-three");

        CliRun run = onDb(db, dir, "upgrade", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).startsWith("{").endsWith("}");
        JsonNode json = run.json();
        assertThat(json.isObject()).isTrue();
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("success", "message", "currentRevision", "previousRevision", "action",
                "target", "migrations", "error", "pending", "warnings", "backups");
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("message").asText()).isEqualTo("Upgraded from revision base to 3: applied 3 migration(s).");
        assertThat(json.get("currentRevision").asText()).isEqualTo("3");
        assertThat(json.get("previousRevision").asText()).isEqualTo("base");
        assertThat(json.get("action").asText()).isEqualTo("upgrade");
        assertThat(json.get("target").asText()).isEqualTo("3");
        assertThat(json.get("migrations").findValuesAsText("version")).containsExactly("1", "2", "3");
        assertThat(json.get("migrations").findValuesAsText("script"))
                .containsExactly("V1__create_users.sql", "V2__create_tasks.sql", "V3__add_priority.sql");
        assertThat(json.get("error").isNull()).isTrue();
        assertThat(json.get("pending").asInt()).isZero();
        assertThat(json.get("warnings").isArray()).isTrue();
        assertThat(json.get("warnings")).isEmpty();
        assertThat(run.errLines()).hasSize(3).allMatch(line -> line.matches("\\[\\d/3] V\\d__\\w+\\.sql … \\d+ ms"));
    }

    @Test
    void shouldSayAlreadyAtRevisionWhenUpgradingAgain(TestDatabase db) throws Exception {
        Path dir = fixture("reversible-three");
        onDb(db, dir, "upgrade");

        CliRun again = onDb(db, dir, "upgrade");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("Already at revision 3: nothing to apply." + NL);
        assertThat(again.err()).isEmpty();
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldDowngradeOneStepByDefault(TestDatabase db) throws Exception {
        Path dir = fixture("reversible-three");
        onDb(db, dir, "upgrade");

        CliRun run = onDb(db, dir, "downgrade");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Downgraded from revision 3 to 2: undid 1 migration(s)." + NL);
        assertThat(run.errLines()).singleElement().asString().matches("\\[1/1] U3__add_priority\\.sql … \\d+ ms");
        assertThat(db.historyVersions()).containsExactly("1", "2");
    }

    @Test
    void shouldDowngradeToBase(TestDatabase db) throws Exception {
        Path dir = fixture("reversible-three");
        onDb(db, dir, "upgrade");

        CliRun run = onDb(db, dir, "downgrade", "base");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Downgraded from revision 3 to base: undid 3 migration(s)." + NL);
        assertThat(run.errLines()).hasSize(3);
        assertThat(run.errLines().get(0)).startsWith("[1/3] U3__add_priority.sql … ");
        assertThat(run.errLines().get(2)).startsWith("[3/3] U1__create_users.sql … ");
        assertThat(db.tables()).containsExactlyInAnyOrder("flyway_schema_history", "db_migrate_audit");
        assertThat(db.historyVersions()).isEmpty();
    }

    @Test
    void shouldDowngradeToTheRevisionBeforeTheLastUpgrade(TestDatabase db) throws Exception {
        Path dir = fixture("reversible-three");
        onDb(db, dir, "upgrade", "1");
        onDb(db, dir, "upgrade", "head");

        CliRun run = onDb(db, dir, "downgrade", "previous");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Downgraded from revision 3 to 1: undid 2 migration(s)." + NL);
        assertThat(db.historyVersions()).containsExactly("1");
    }

    @Test
    void shouldListEveryMigrationInTheInfoTable(TestDatabase db) throws Exception {
        Path dir = fixture("missing-undo");
        onDb(db, dir, "upgrade", "2");

        CliRun run = onDb(db, dir, "info");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0).split(" {2,}")).containsExactly("Version", "Description", "State", "Applied at", "Undo");
        assertThat(lines.get(1)).matches("1 +create users +Success +\\d{4}-\\d\\d-\\d\\dT\\S+ +yes");
        assertThat(lines.get(2)).matches("2 +create tasks +Success +\\d{4}-\\d\\d-\\d\\dT\\S+ +NO");
        assertThat(lines.get(3)).matches("3 +add priority +Pending +- +yes");
        assertThat(lines.get(1).lastIndexOf("yes")).as("columns line up").isEqualTo(lines.get(0).indexOf("Undo"));
        assertThat(lines.get(4)).isEqualTo("3 migration(s); at revision 2, 1 pending.");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldPadTheInfoTableToFixedColumnsThatALongValuePushesOn(TestDatabase db) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("wide"));
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id int);");
        Files.writeString(dir.resolve("V20261124.103000123__a_description_longer_than_its_column.sql"), "SELECT 1;");

        CliRun run = onDb(db, dir, "info");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "Version          Description                      State      Applied at                     Undo",
                "1                t                                Pending    -                              NO",
                "20261124.103000123 a description longer than its c… Pending    -                              NO",
                "2 migration(s); at revision base, 2 pending.");
    }

    @Test
    void shouldShowTheCurrentRevisionThePreviousOneAndWhatIsPending(TestDatabase db) throws Exception {
        Path dir = fixture("reversible-three");
        onDb(db, dir, "upgrade", "1");
        onDb(db, dir, "upgrade", "2");

        CliRun run = onDb(db, dir, "current");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("At revision 2; 1 migration(s) pending." + NL + "Previous revision: 1" + NL);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldValidateAppliedMigrationsAndTheirUndoScripts(TestDatabase db) throws Exception {
        Path dir = fixture("reversible-three");
        onDb(db, dir, "upgrade");

        CliRun run = onDb(db, dir, "validate");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Validated 3 migration(s): every applied migration matches its file and has"
                + " an undo script." + NL);
    }

    @Test
    void shouldFailValidationWhenAnAppliedMigrationHasNoUndoScript(TestDatabase db) throws Exception {
        Path dir = fixture("missing-undo");
        onDb(db, dir, "upgrade");

        CliRun run = onDb(db, dir, "validate");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("FAILED (IRREVERSIBLE): Validation failed: ")
                .contains("V2 has no undo script U2__*.sql");
    }

    @Test
    void shouldRepairAnEditedMigrationAndListTheChangeWithExitStatusZero(TestDatabase db) throws Exception {
        Path dir = fixture("reversible-three");
        onDb(db, dir, "upgrade");
        String oldChecksum = db.value("SELECT checksum FROM flyway_schema_history WHERE version = '3'");
        java.nio.file.Files.writeString(dir.resolve("V3__add_priority.sql"), "-- reviewed" + NL,
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(onDb(db, dir, "validate").exitCode()).isEqualTo(1);

        CliRun dryRun = onDb(db, dir, "repair", "--dry-run");
        CliRun run = onDb(db, dir, "repair");
        CliRun again = onDb(db, dir, "repair");

        String newChecksum = db.value("SELECT checksum FROM flyway_schema_history WHERE version = '3'");
        String line = "V3__add_priority.sql: checksum " + oldChecksum + " → " + newChecksum;
        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.out()).isEqualTo(line + NL + "Dry run: would repair the schema history: realign 1 applied"
                + " migration(s) with their files; the database would be at revision 3. Nothing was changed." + NL);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(line + NL + "Repaired the schema history: realigned 1 applied migration(s)"
                + " with their files; the database is at revision 3." + NL);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("Nothing to repair: no failed rows, and every applied migration matches its"
                + " file; at revision 3." + NL);
        assertThat(onDb(db, dir, "validate").exitCode()).isZero();
    }

    @Test
    void shouldFailRepairWithExitStatusOneWithoutAHistory(TestDatabase db) {
        Path dir = fixture("reversible-three");

        CliRun run = onDb(db, dir, "repair");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("FAILED (NOT_INITIALIZED): The database is not initialized: schema public has"
                + " no schema history table. Run init first." + NL);
        assertThat(onDb(db, dir, "repair", "3").exitCode()).isEqualTo(2);
    }

    @Test
    void shouldInitializeAnEmptyDatabaseAndSaySoWhenRunTwice(TestDatabase db) throws Exception {
        Path dir = fixture("reversible-three");

        CliRun first = onDb(db, dir, "init");
        CliRun second = onDb(db, dir, "init");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEqualTo("Initialized schema public: the schema history table is ready, at revision"
                + " base." + NL);
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).isEqualTo("Already initialized: schema public has a schema history table, at"
                + " revision base." + NL);
        assertThat(db.tables()).contains("flyway_schema_history");
    }

    @Test
    void shouldCreateAVersionedScriptAndItsUndoWithoutADatabase() throws Exception {
        Path dir = fixture("reversible-three");

        CliRun run = run(Map.of(), args(dir, "create", "--description", "Add due date to tasks"));

        Path versioned = dir.resolve("V4__add_due_date_to_tasks.sql");
        Path undo = dir.resolve("U4__add_due_date_to_tasks.sql");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Created " + versioned + " and " + undo + "." + NL);
        assertThat(versioned).exists().content().startsWith("-- Add due date to tasks");
        assertThat(undo).exists().content().startsWith("-- Undo of V4__add_due_date_to_tasks.sql");
    }

    @Test
    void shouldConnectWithAJdbcUrlAndThePasswordFromTheEnvironment(TestDatabase db) throws Exception {
        Path dir = fixture("reversible-three");

        CliRun run = run(Map.of("DB_PASS", PostgresExtension.PASSWORD), args(dir, "upgrade", "--url", db.jdbcUrl(),
                "--user", PostgresExtension.USER, "--password-env", "DB_PASS"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Upgraded from revision base to 3: applied 3 migration(s)." + NL);
    }

    @Test
    void shouldTakeTheCredentialsOutOfAJdbcUrlInDatabaseUrl(TestDatabase db) throws Exception {
        Path dir = fixture("reversible-three");
        String url = "jdbc:postgresql://" + PostgresExtension.USER + ":" + PostgresExtension.PASSWORD + "@localhost:"
                + db.port() + "/" + db.name();

        CliRun run = run(Map.of("DATABASE_URL", url), args(dir, "upgrade"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Upgraded from revision base to 3: applied 3 migration(s)." + NL);
    }

    // --- how failures show (every bad input, with its exit status and message: CliBadInputTest) --

    @Test
    void shouldReportAFailureAsJsonOnStdoutWithExitStatusOne(TestDatabase db) throws Exception {
        Path dir = fixture("missing-undo");
        onDb(db, dir, "upgrade");

        CliRun run = onDb(db, dir, "downgrade", "base", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = run.json();
        assertThat(json.get("success").asBoolean()).isFalse();
        assertThat(json.get("error").asText()).isEqualTo("IRREVERSIBLE");
        assertThat(json.get("message").asText()).startsWith("Migration V2 cannot be reversed");
        assertThat(json.get("currentRevision").asText()).isEqualTo("3");
        assertThat(json.get("action").asText()).isEqualTo("downgrade");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldStopAtTheLastGoodRevisionWhenAMigrationFails(TestDatabase db) throws Exception {
        Path dir = fixture("broken-sql");

        CliRun run = onDb(db, dir, "upgrade");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(3);
        assertThat(run.errLines().get(0)).startsWith("[1/3] V1__create_users.sql … ");
        assertThat(run.errLines().get(1)).startsWith("[2/3] V2__create_tasks.sql … ");
        assertThat(run.errLines().get(2)).isEqualTo("FAILED (SQL_ERROR): Migration V3__broken.sql failed: SQL state"
                + " 42P01 at line 3: relation \"no_such_table\" does not exist. The database stays at revision 2.");
        assertThat(db.historyVersions()).containsExactly("1", "2");
    }

    // --- the command line -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://u@host/db", "jdbc:postgresql://host:5432/db?sslmode=require",
            "postgresql://host:5432/db?user=u"})
    void shouldAcceptAUrlWithoutAPassword(String url) {
        assertThat(ConnectionOptions.holdsPassword(url)).as(url).isFalse();
    }

    @Test
    void shouldListEveryActionInTheHelp() {
        CliRun run = run(Map.of(), "--help");

        assertThat(run.exitCode()).isZero();
        for (Action action : Action.values()) {
            if (action != Action.RESTORE && action != Action.PRUNE) {
                assertThat(run.out()).containsPattern("(?m)^ +" + action.id() + " +\\S");
            }
        }
        // restore and prune are subcommands of backups
        CliRun backups = run(Map.of(), "backups", "--help");
        for (String sub : List.of("list", "restore", "prune")) {
            assertThat(backups.out()).containsPattern("(?m)^ +" + sub + " +\\S");
        }
    }

    @Test
    void shouldShowThePlaceholderSyntaxInTheHelpAsItIsWritten() {
        CliRun run = run(Map.of(), "info", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("A Flyway placeholder, ${KEY} in V and U scripts").doesNotContain("null in V");
    }
}
