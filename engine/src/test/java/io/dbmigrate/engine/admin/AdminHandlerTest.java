package io.dbmigrate.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Secret;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.lock.MigrationLock;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class AdminHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** For decisions made before any target is needed: asking for one is a failure. */
    private static final AdminTargets NO_LOOKUP = (target, action) -> {
        throw new AssertionError("the targets must not be asked (" + target + ", " + action + ")");
    };

    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    // --- decisions made before anything runs (no database) ---------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"status", "migrate", "downgrade", "prod/status", "nope"})
    void shouldRefuseCallersWhoAreNotAdministratorsBeforeLookingAtThePath(String path) throws IOException {
        AdminResponse response = new AdminHandler(NO_LOOKUP, engine)
                .handle(new AdminRequest("POST", path, Map.of(), false));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertRefusal(response, "Only administrators may use the db-migrate endpoints.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "nope", "Status", "status/extra", "a/b/status", "/prod//status", "migrate/now"})
    void shouldAnswer404ForPathsThatAreNoEndpoint(String path) throws IOException {
        AdminResponse response = new AdminHandler(NO_LOOKUP, engine).handle(new AdminRequest("GET", path, Map.of(), true));

        assertThat(response.status()).isEqualTo(404);
        assertRefusal(response, "No db-migrate endpoint at '" + path + "'. Use status, migrate, downgrade, backups,"
                + " restore or prune.");
    }

    @ParameterizedTest
    @CsvSource({"GET,migrate", "PUT,migrate", "DELETE,migrate", "HEAD,migrate", "post,migrate",
            "GET,downgrade", "PATCH,downgrade", "GET,prod/migrate", "GET,restore", "GET,prune", "GET,prod/restore"})
    void shouldAnswer405WhenAStateChangingEndpointIsNotPosted(String method, String path) throws IOException {
        AdminResponse response = new AdminHandler(NO_LOOKUP, engine).handle(new AdminRequest(method, path, Map.of(), true));

        assertThat(response.status()).isEqualTo(405);
        String endpoint = path.substring(path.lastIndexOf('/') + 1);
        assertRefusal(response, "Method " + method + " is not allowed on " + endpoint + ": use POST.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "HEAD"})
    void shouldAcceptOnlyGetAndPostOnStatus(String method) throws IOException {
        AdminResponse response = new AdminHandler(NO_LOOKUP, engine)
                .handle(new AdminRequest(method, "status", Map.of(), true));

        assertThat(response.status()).isEqualTo(405);
        assertRefusal(response, "Method " + method + " is not allowed on status: use GET or POST.");
    }

    @Test
    void shouldAnswer404ForAnUnknownTargetAfterAskingForIt() throws IOException {
        RecordingTargets targets = new RecordingTargets();

        AdminResponse response = new AdminHandler(targets, engine)
                .handle(new AdminRequest("POST", "prod/migrate", Map.of(), true));

        assertThat(response.status()).isEqualTo(404);
        assertRefusal(response, "Unknown database target 'prod'.");
        assertThat(targets.asked).containsExactly("prod:UPGRADE");
    }

    @Test
    void shouldSaySoWhenThereIsNoDefaultTarget() throws IOException {
        RecordingTargets targets = new RecordingTargets();

        AdminResponse response = new AdminHandler(targets, engine)
                .handle(new AdminRequest("GET", "/status/", Map.of(), true));

        assertThat(response.status()).isEqualTo(404);
        assertRefusal(response,
                "No default database target is configured. Name one in the path, as in <target>/status.");
        assertThat(targets.asked).containsExactly(":CURRENT");
    }

    @Test
    void shouldAskTheTargetsForTheActionOfEachEndpoint() {
        RecordingTargets targets = new RecordingTargets();
        AdminHandler handler = new AdminHandler(targets, engine);

        handler.handle(new AdminRequest("GET", "status", Map.of(), true));
        handler.handle(new AdminRequest("POST", "prod/status", Map.of(), true));
        handler.handle(new AdminRequest("POST", "migrate", Map.of(), true));
        handler.handle(new AdminRequest("POST", "staging/downgrade", Map.of(), true));

        assertThat(targets.asked).containsExactly(":CURRENT", "prod:CURRENT", ":UPGRADE", "staging:DOWNGRADE");
    }

    @Test
    void shouldAnswerWithTheFailureWhenATargetCannotBeBuilt() throws IOException {
        AdminTargets noUrl = (target, action) -> Optional.of(MigrationRequest.builder(action)
                .connection(new ConnectionSettings("", "app", Secret.NONE, "url", "")));

        AdminResponse response = new AdminHandler(noUrl, engine).handle(new AdminRequest("POST", "migrate", Map.of(), true));

        assertThat(response.status()).isEqualTo(500);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("success").asBoolean()).isFalse();
        assertThat(json.get("error").asText()).isEqualTo("CONNECTION");
        assertThat(json.get("action").asText()).isEqualTo("upgrade");
        assertThat(json.get("message").asText()).startsWith("Cannot connect to database: no database URL given.");
    }

    @Test
    void shouldAnswer400WhenTheRequestCannotBeBuilt() throws IOException {
        AdminTargets negativeTimeout = (target, action) -> Optional.of(MigrationRequest.builder(action)
                .lockTimeoutSeconds(-1));

        AdminResponse response = new AdminHandler(negativeTimeout, engine)
                .handle(new AdminRequest("POST", "downgrade", Map.of(), true));

        assertThat(response.status()).isEqualTo(400);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("error").asText()).isEqualTo("INVALID_INPUT");
        assertThat(json.get("message").asText()).isEqualTo("Invalid lock timeout -1: use 0 or more seconds.");
    }

    @Test
    void shouldRefuseToRunARequestForAnotherActionThanTheEndpoints() {
        AdminTargets wrong = (target, action) -> Optional.of(MigrationRequest.builder(Action.UPGRADE));

        assertThatThrownBy(() -> new AdminHandler(wrong, engine).handle(new AdminRequest("GET", "status", Map.of(), true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("AdminTargets built a request for upgrade where current was asked for");
    }

    @ParameterizedTest
    @CsvSource({"INVALID_INPUT,400", "LOCKED,409", "CONNECTION,500", "AUTHENTICATION,500", "NOT_INITIALIZED,500",
            "CHECKSUM_MISMATCH,500", "IRREVERSIBLE,500", "SQL_ERROR,500"})
    void shouldMapEachErrorKindToOneStatusCode(ErrorKind kind, int status) {
        MigrationResult failed = MigrationResult.failed(Action.UPGRADE, new MigrationException(kind, "it failed"));

        assertThat(AdminHandler.statusOf(failed)).isEqualTo(status);
    }

    @Test
    void shouldMapSuccessTo200() {
        MigrationResult ok = new MigrationResult(true, "At revision 3; up to date.", "3", "2", Action.CURRENT, "",
                List.of(), null, 0, List.of(), List.of());

        assertThat(AdminHandler.statusOf(ok)).isEqualTo(200);
    }

    // --- requests that run the engine (real database) --------------------------------------

    @Test
    void shouldReportStatusForGetAndPost(TestDatabase db) throws Exception {
        AdminHandler handler = handlerFor(db, Fixtures.copy("reversible-three", tmp));
        call(handler, "POST", "migrate", Map.of("revision", "2"));

        for (String method : List.of("GET", "POST")) {
            // a revision on status is not an error: status simply takes none
            AdminResponse response = call(handler, method, "status", Map.of("revision", "3"));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode json = JSON.readTree(response.body());
            assertThat(json.get("success").asBoolean()).isTrue();
            assertThat(json.get("action").asText()).isEqualTo("current");
            assertThat(json.get("currentRevision").asText()).isEqualTo("2");
            assertThat(json.get("pending").asInt()).isEqualTo(1);
            assertThat(json.get("message").asText()).isEqualTo("At revision 2; 1 migration(s) pending.");
        }
        assertThat(db.historyVersions()).containsExactly("1", "2");
    }

    @Test
    void shouldMigrateToHeadByDefault(TestDatabase db) throws Exception {
        AdminHandler handler = handlerFor(db, Fixtures.copy("reversible-three", tmp));

        AdminResponse response = call(handler, "POST", "migrate", Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("message").asText()).isEqualTo("Upgraded from revision base to 3: applied 3 migration(s).");
        assertThat(json.get("currentRevision").asText()).isEqualTo("3");
        assertThat(json.get("migrations")).hasSize(3);
        assertThat(db.tables()).contains("users", "tasks");
    }

    @Test
    void shouldDowngradeOneStepByDefaultAndToTheRevisionGiven(TestDatabase db) throws Exception {
        AdminHandler handler = handlerFor(db, Fixtures.copy("reversible-three", tmp));
        call(handler, "POST", "migrate", Map.of());

        AdminResponse oneStep = call(handler, "POST", "downgrade", Map.of());
        AdminResponse toBase = call(handler, "POST", "downgrade", Map.of("revision", "base"));

        assertThat(oneStep.status()).as(oneStep.body()).isEqualTo(200);
        assertThat(JSON.readTree(oneStep.body()).get("message").asText())
                .isEqualTo("Downgraded from revision 3 to 2: undid 1 migration(s).");
        assertThat(toBase.status()).as(toBase.body()).isEqualTo(200);
        assertThat(JSON.readTree(toBase.body()).get("currentRevision").asText()).isEqualTo("base");
        assertThat(db.tables()).doesNotContain("users", "tasks");
    }

    @Test
    void shouldListRestoreAndPruneBackupsForAdministrators(TestDatabase db) throws Exception {
        AdminHandler handler = handlerFor(db, Fixtures.copy("backups", tmp));
        call(handler, "POST", "migrate", Map.of());
        db.execute("INSERT INTO users (id, email, nickname) VALUES (10, 'a@example.com', 'ann')");
        call(handler, "POST", "downgrade", Map.of("revision", "2"));
        call(handler, "POST", "migrate", Map.of());

        JsonNode listed = JSON.readTree(call(handler, "GET", "backups", Map.of()).body());
        String name = listed.get("backups").get(0).get("table").asText().substring("db_migrate_backup.".length());
        AdminResponse dryRun = call(handler, "POST", "restore", Map.of("backup", name, "dryRun", "true"));
        AdminResponse badRule = call(handler, "POST", "restore", Map.of("onConflict", "merge"));
        AdminResponse restored = call(handler, "POST", "restore", Map.of("backup", name));
        AdminResponse badKeep = call(handler, "POST", "prune", Map.of("olderThan", "0s", "keepLast", "two"));
        AdminResponse pruned = call(handler, "POST", "prune", Map.of("olderThan", "0s"));

        assertThat(listed.get("message").asText()).isEqualTo("1 backup(s) kept in db_migrate_backup; 1 not restored yet.");
        assertThat(JSON.readTree(dryRun.body()).get("message").asText())
                .isEqualTo("Dry run: would restore 1 backup(s), 1 row(s). Nothing was changed.");
        assertThat(badRule.status()).isEqualTo(400);
        assertThat(JSON.readTree(badRule.body()).get("message").asText())
                .isEqualTo("Invalid --on-conflict 'merge'. Use refuse (the default), skip or overwrite.");
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(db.column("SELECT nickname FROM users")).containsExactly("ann");
        assertThat(badKeep.status()).isEqualTo(400);
        assertThat(JSON.readTree(badKeep.body()).get("message").asText())
                .isEqualTo("Invalid keepLast 'two': use a whole number, 0 or more.");
        assertThat(JSON.readTree(pruned.body()).get("message").asText())
                .isEqualTo("Pruned 1 backup(s) older than 0s; 0 left.");
        assertThat(db.backupTables()).isEmpty();
    }

    @Test
    void shouldAnswer400ForARevisionThatDoesNotParse(TestDatabase db) throws Exception {
        AdminHandler handler = handlerFor(db, Fixtures.copy("reversible-three", tmp));

        AdminResponse response = call(handler, "POST", "migrate", Map.of("revision", "banana"));

        assertThat(response.status()).isEqualTo(400);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("error").asText()).isEqualTo("INVALID_INPUT");
        assertThat(json.get("message").asText()).isEqualTo("Invalid revision 'banana'. Use head, base, previous, a"
                + " version such as 3 or 3.1, or a relative step such as -1 or +2.");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void shouldAnswer409WhileAnotherRunHoldsTheLock(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        AdminHandler handler = new AdminHandler((target, action) ->
                Optional.of(Requests.on(db, action, dir).lockTimeoutSeconds(0)), engine);
        call(handler, "POST", "migrate", Map.of());

        AdminResponse response;
        try (Connection other = db.connect();
             PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, MigrationLock.runKey("public", "flyway_schema_history"));
            lock.execute();
            response = call(handler, "POST", "downgrade", Map.of());
        }

        assertThat(response.status()).as(response.body()).isEqualTo(409);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("error").asText()).isEqualTo("LOCKED");
        assertThat(json.get("message").asText()).startsWith("Another migration is running");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldAnswer500WithTheResultWhenAMigrationFails(TestDatabase db) throws Exception {
        AdminHandler handler = handlerFor(db, Fixtures.copy("broken-sql", tmp));

        AdminResponse response = call(handler, "POST", "migrate", Map.of());

        assertThat(response.status()).isEqualTo(500);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("success").asBoolean()).isFalse();
        assertThat(json.get("error").asText()).isEqualTo("SQL_ERROR");
        assertThat(json.get("message").asText()).startsWith("Migration V3__broken.sql failed");
        assertThat(json.get("currentRevision").asText()).isEqualTo("2");
    }

    @Test
    void shouldKeepThePasswordOutOfAnAuthenticationFailure(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        ConnectionSettings wrong = new ConnectionSettings(db.jdbcUrl(), PostgresExtension.USER,
                Secret.of(PostgresExtension.PASSWORD + "-wrong"), "--url", "");
        AdminHandler handler = new AdminHandler((target, action) ->
                Optional.of(Requests.on(db, action, dir).connection(wrong)), engine);

        AdminResponse response = call(handler, "GET", "status", Map.of());

        assertThat(response.status()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("AUTHENTICATION");
    }

    // --- helpers ---------------------------------------------------------------------------

    /** The default target on the test database; no other target exists. */
    private AdminHandler handlerFor(TestDatabase db, Path migrations) {
        return new AdminHandler((target, action) -> target.isEmpty()
                ? Optional.of(Requests.on(db, action, migrations)) : Optional.empty(), engine);
    }

    /** An administrator's request; no answer may ever hold the password. */
    private static AdminResponse call(AdminHandler handler, String method, String path, Map<String, String> parameters) {
        AdminResponse response = handler.handle(new AdminRequest(method, path, parameters, true));
        assertThat(response.body()).doesNotContain(PostgresExtension.PASSWORD);
        return response;
    }

    private static void assertRefusal(AdminResponse response, String message) throws IOException {
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("success").asBoolean()).isFalse();
        assertThat(json.get("message").asText()).isEqualTo(message);
        assertThat(json.size()).isEqualTo(2);
    }

    /** Knows no target, and remembers what it was asked for. */
    private static final class RecordingTargets implements AdminTargets {
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<MigrationRequest.Builder> builderFor(String target, Action action) {
            asked.add(target + ":" + action.name());
            return Optional.empty();
        }
    }
}
