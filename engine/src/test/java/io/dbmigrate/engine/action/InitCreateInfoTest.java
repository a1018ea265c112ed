package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.api.StepState;
import io.dbmigrate.engine.config.FlywaySettings;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** init, create, info, current and validate against a real database and real migration folders. */
@ExtendWith(PostgresExtension.class)
class InitCreateInfoTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    private MigrationResult run(TestDatabase db, Action action, String revision, Path dir) {
        MigrationResult result = engine.run(Requests.of(db, action, revision, dir));
        assertThat(result.toString()).doesNotContain(PostgresExtension.PASSWORD);
        return result;
    }

    private MigrationResult upgrade(TestDatabase db, String revision, Path dir) {
        MigrationResult result = run(db, Action.UPGRADE, revision, dir);
        assertThat(result.success()).as(result.message()).isTrue();
        return result;
    }

    private static MigrationRequest create(Path dir, String description) {
        return MigrationRequest.builder(Action.CREATE).locations(List.of("filesystem:" + dir)).description(description)
                .build();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static Path folder(Path parent, String name, String... files) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        for (String file : files) {
            Files.writeString(dir.resolve(file), "SELECT 1;\n");
        }
        return dir;
    }

    // --- init -----------------------------------------------------------------------------

    @Test
    void shouldCreateTheHistoryTableOnAnEmptyDatabase(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = run(db, Action.INIT, "", dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Initialized schema public: the schema history table is ready, at"
                + " revision base.");
        assertThat(result.currentRevision()).isEqualTo("base");
        assertThat(result.pending()).isEqualTo(3);
        assertThat(db.tables()).containsExactlyInAnyOrder("flyway_schema_history", "db_migrate_audit");
        assertThat(db.historyVersions()).isEmpty();
        assertThat(db.column("SELECT action || ' ' || from_revision || '>' || to_revision FROM db_migrate_audit"))
                .containsExactly("init base>base");
    }

    @Test
    void shouldSayAlreadyInitializedTheSecondTime(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        run(db, Action.INIT, "", dir);
        upgrade(db, "2", dir);

        MigrationResult again = run(db, Action.INIT, "", dir);

        assertThat(again.success()).as(again.message()).isTrue();
        assertThat(again.message()).isEqualTo("Already initialized: schema public has a schema history table, at"
                + " revision 2.");
        assertThat(again.currentRevision()).isEqualTo("2");
        assertThat(db.historyVersions()).containsExactly("1", "2");
    }

    @Test
    void shouldRefuseToInitANonEmptySchemaWithoutARevision(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        db.execute("CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL)");

        MigrationResult result = run(db, Action.INIT, "", dir);

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("Schema public already holds tables but no schema history table. Run"
                + " init with the revision this database is at (for example: init 3) to baseline it.");
        assertThat(db.tables()).containsExactly("users");
    }

    @Test
    void shouldRefuseToBaselineAtAnythingButAVersion(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        db.execute("CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL)");

        MigrationResult result = run(db, Action.INIT, "head", dir);

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("Invalid revision 'head' for init: a baseline is an explicit version,"
                + " such as 3.");
        assertThat(db.tables()).containsExactly("users");
    }

    @Test
    void shouldBaselineAtTheProjectsFlywayBaselineVersionWhenNoRevisionIsGiven(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        db.execute("CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL)");
        FlywaySettings fromToml = new FlywaySettings(Map.of("flyway.baselineVersion", "1",
                "flyway.baselineDescription", "legacy schema"), List.of());

        MigrationResult init = engine.run(Requests.on(db, Action.INIT, dir).flywaySettings(fromToml).build());

        assertThat(init.success()).as(init.message()).isTrue();
        assertThat(init.message()).isEqualTo("Initialized schema public with its existing tables, baselined at"
                + " revision 1.");
        assertThat(db.column("SELECT version || ' ' || type || ' ' || description FROM flyway_schema_history"))
                .containsExactly("1 BASELINE legacy schema");
    }

    @Test
    void shouldBaselineAnExistingSchemaAndThenApplyOnlyWhatIsAbove(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        db.execute("CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL);"
                + " CREATE TABLE tasks (id bigserial PRIMARY KEY, user_id bigint REFERENCES users (id), title text)");

        MigrationResult init = run(db, Action.INIT, "2", dir);
        MigrationResult up = run(db, Action.UPGRADE, "", dir);

        assertThat(init.success()).as(init.message()).isTrue();
        assertThat(init.message()).isEqualTo("Initialized schema public with its existing tables, baselined at"
                + " revision 2.");
        assertThat(init.currentRevision()).isEqualTo("2");
        assertThat(up.success()).as(up.message()).isTrue();
        assertThat(up.message()).isEqualTo("Upgraded from revision 2 to 3: applied 1 migration(s).");
        assertThat(up.migrations()).extracting(MigrationStep::version).containsExactly("3");
        assertThat(db.historyVersions()).containsExactly("2", "3");
        assertThat(db.value("SELECT type FROM flyway_schema_history WHERE version = '2'")).isEqualTo("BASELINE");
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'tasks'"))
                .contains("priority");
    }

    @Test
    void shouldCreateTheNamedSchema(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = engine.run(Requests.on(db, Action.INIT, dir).schemas(List.of("app")).build());

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Initialized schema app: the schema history table is ready, at"
                + " revision base.");
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE schemaname = 'app' ORDER BY 1"))
                .containsExactly("db_migrate_audit", "flyway_schema_history");
        assertThat(db.tables()).isEmpty();
    }

    // --- create ---------------------------------------------------------------------------

    @Test
    void shouldCreateTheNextPairOfScripts() throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = engine.run(create(dir, "Add priority!"));

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Created " + dir.resolve("V4__add_priority.sql") + " and "
                + dir.resolve("U4__add_priority.sql") + ".");
        assertThat(result.target()).isEqualTo("4");
        assertThat(result.migrations()).containsExactly(new MigrationStep("4", "Add priority!", "V4__add_priority.sql",
                StepState.CREATED, 0, "", true));
        assertThat(Files.readString(dir.resolve("V4__add_priority.sql"))).startsWith("-- Add priority!\n");
        assertThat(Files.readString(dir.resolve("U4__add_priority.sql")))
                .startsWith("-- Undo of V4__add_priority.sql, run by downgrade in one transaction.\n");
    }

    @Test
    void shouldKeepADescriptionOnOneLineAndItsFileNamePlainAndShort(TestDatabase db) throws Exception {
        Path dir = folder(tmp, "odd");

        MigrationResult newline = engine.run(create(dir, "élève notes\nDROP TABLE users;\r\n-- end"));
        MigrationResult longOne = engine.run(create(dir, "x".repeat(300)));

        assertThat(newline.success()).as(newline.message()).isTrue();
        assertThat(files(dir)).contains("V1__eleve_notes_drop_table_users_end.sql", "V2__" + "x".repeat(100) + ".sql");
        assertThat(Files.readString(dir.resolve("V1__eleve_notes_drop_table_users_end.sql")))
                .startsWith("-- élève notes DROP TABLE users; -- end\n-- Applied by upgrade.");
        assertThat(longOne.success()).as(longOne.message()).isTrue();
        // the header is a comment and nothing else: were DROP TABLE users a live line, the upgrade would fail on it
        MigrationResult up = engine.run(Requests.of(db, Action.UPGRADE, "1", dir));
        assertThat(up.success()).as(up.message()).isTrue();
    }

    @Test
    void shouldNumberAfterTheHighestVersionOrUndoScript() throws Exception {
        Path dir = folder(tmp, "mixed", "V1__a.sql", "V2_1__b.sql", "U5__c.sql", "README.md", "V9_notes.sql");

        MigrationResult result = engine.run(create(dir, "add priority"));

        assertThat(result.target()).isEqualTo("6");
        assertThat(files(dir)).contains("V6__add_priority.sql", "U6__add_priority.sql");
    }

    @Test
    void shouldStartAtOneInAnEmptyFolder() throws Exception {
        Path dir = folder(tmp, "empty");

        MigrationResult result = engine.run(create(dir, "add priority"));

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(files(dir)).containsExactly("U1__add_priority.sql", "V1__add_priority.sql");
    }

    @Test
    void shouldRefuseAnEmptyDescription() throws Exception {
        Path dir = folder(tmp, "empty");

        MigrationResult result = engine.run(create(dir, "  "));

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("create needs a description, for example --description \"add priority"
                + " to tasks\".");
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void shouldNeverOverwriteAFile() throws Exception {
        Path dir = folder(tmp, "taken");
        // a folder under the script's name: not a script, so the next version is 1, yet the name is taken
        Files.createDirectory(dir.resolve("U1__add_priority.sql"));

        MigrationResult result = engine.run(create(dir, "add priority"));

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("Refusing to overwrite " + dir.resolve("U1__add_priority.sql")
                + ": it already exists.");
        assertThat(files(dir)).containsExactly("U1__add_priority.sql");
    }

    @Test
    void shouldNumberATimestampProjectByTheClock() throws Exception {
        Path dir = folder(tmp, "stamped", "V20261124.1030__init.sql");
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T09:15:30Z"), ZoneOffset.UTC);

        MigrationResult result = new MigrationEngine(clock).run(create(dir, "add priority"));

        assertThat(result.target()).isEqualTo("20261125.091530");
        assertThat(files(dir)).contains("V20261125.091530__add_priority.sql", "U20261125.091530__add_priority.sql");
    }

    @Test
    void shouldNeverNumberBelowTheNewestFileWhenTheClockIsBehind() throws Exception {
        Path dir = folder(tmp, "stamped", "V20261124.1030__init.sql");
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

        MigrationResult result = new MigrationEngine(clock).run(create(dir, "add priority"));

        assertThat(result.target()).isEqualTo("20261124.1030.1");
        assertThat(files(dir)).contains("V20261124.1030.1__add_priority.sql");
    }

    // --- info and current -----------------------------------------------------------------

    @Test
    void shouldListEveryMigrationWithItsState(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("missing-undo", tmp);
        upgrade(db, "2", dir);

        MigrationResult result = run(db, Action.INFO, "", dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("3 migration(s); at revision 2, 1 pending.");
        assertThat(result.currentRevision()).isEqualTo("2");
        assertThat(result.pending()).isEqualTo(1);
        assertThat(result.migrations()).extracting(MigrationStep::version).containsExactly("1", "2", "3");
        assertThat(result.migrations()).extracting(MigrationStep::description)
                .containsExactly("create users", "create tasks", "add priority");
        assertThat(result.migrations()).extracting(MigrationStep::script)
                .containsExactly("V1__create_users.sql", "V2__create_tasks.sql", "V3__add_priority.sql");
        assertThat(result.migrations()).extracting(step -> step.state().label())
                .containsExactly("Success", "Success", "Pending");
        assertThat(result.migrations()).extracting(MigrationStep::reversible).containsExactly(true, false, true);
        assertThat(result.migrations().get(0).appliedAt()).isNotEmpty();
        assertThat(Instant.parse(result.migrations().get(1).appliedAt())).isBefore(Instant.now().plusSeconds(1));
        assertThat(result.migrations().get(2).appliedAt()).isEmpty();
    }

    @Test
    void shouldReportTheCurrentAndPreviousRevision(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        upgrade(db, "1", dir);
        upgrade(db, "2", dir);

        MigrationResult result = run(db, Action.CURRENT, "", dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("At revision 2; 1 migration(s) pending.");
        assertThat(result.currentRevision()).isEqualTo("2");
        assertThat(result.previousRevision()).isEqualTo("1");
        assertThat(result.pending()).isEqualTo(1);
        assertThat(result.migrations()).isEmpty();
    }

    @Test
    void shouldSayUpToDateAtHead(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        upgrade(db, "", dir);

        MigrationResult result = run(db, Action.CURRENT, "", dir);

        assertThat(result.message()).isEqualTo("At revision 3; up to date.");
        assertThat(result.previousRevision()).isEqualTo("base");
    }

    // --- validate -------------------------------------------------------------------------

    @Test
    void shouldValidateAReversibleProjectAtHead(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        upgrade(db, "", dir);

        MigrationResult result = run(db, Action.VALIDATE, "", dir);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("Validated 3 migration(s): every applied migration matches its file"
                + " and has an undo script.");
        assertThat(result.currentRevision()).isEqualTo("3");
    }

    @Test
    void shouldFailValidationNamingTheMigrationWithoutUndo(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("missing-undo", tmp);
        upgrade(db, "", dir);

        MigrationResult result = run(db, Action.VALIDATE, "", dir);

        assertThat(result.error()).isEqualTo(ErrorKind.IRREVERSIBLE);
        assertThat(result.message()).isEqualTo("Validation failed: V2 has no undo script U2__*.sql");
        assertThat(result.currentRevision()).isEqualTo("3");
    }

    @Test
    void shouldOnlyWarnAboutMissingUndoScriptsWhenIrreversibleIsAllowed(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("missing-undo", tmp);
        upgrade(db, "", dir);

        MigrationResult result = engine.run(Requests.on(db, Action.VALIDATE, dir).allowIrreversible(true).build());

        assertThat(result.success()).isTrue();
        assertThat(result.message()).isEqualTo("Validated 3 migration(s): every applied migration matches its file;"
                + " 1 cannot be reversed (listed in warnings, allowed by --allow-irreversible).");
        assertThat(result.warnings()).containsExactly("V2 has no undo script U2__*.sql");
    }

    @Test
    void shouldFailValidationWhenAnAppliedFileWasEdited(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        upgrade(db, "", dir);
        Files.writeString(dir.resolve("V2__create_tasks.sql"), "-- edited\n", StandardOpenOption.APPEND);

        MigrationResult result = run(db, Action.VALIDATE, "", dir);

        assertThat(result.error()).isEqualTo(ErrorKind.CHECKSUM_MISMATCH);
        assertThat(result.message()).isEqualTo("Validation failed: Migration V2__create_tasks.sql was changed after it"
                + " was applied (checksum mismatch for version 2). Restore the applied file, or run db-migrate repair if"
                + " the change is intended.");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }
}
