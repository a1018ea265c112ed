package io.dbmigrate.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** State-changing calls answered at once with a run id; status?run=<id> reports progress and the result. */
@ExtendWith(PostgresExtension.class)
class AdminRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Holds the runs until the test lets them go, so "still running" is a state the test can see. */
    private final List<Runnable> held = new ArrayList<>();

    private AdminHandler handler(TestDatabase db, Path migrations, AdminRuns runs) {
        return new AdminHandler((target, action) -> target.equals("prod")
                ? Optional.of(Requests.on(db, action, migrations).actor("target's own actor")) : Optional.empty(),
                new MigrationEngine(), runs);
    }

    private static JsonNode call(AdminHandler handler, String method, String path, Map<String, String> parameters,
                                 int expectedStatus) throws Exception {
        AdminResponse response = handler.handle(new AdminRequest(method, path, parameters, true, "jenkins admin alice"));
        assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
        assertThat(response.body()).doesNotContain(PostgresExtension.PASSWORD);
        return JSON.readTree(response.body());
    }

    @Test
    void shouldAnswerAMigrateAtOnceWithARunIdAndReportProgressAndResultOnStatus(TestDatabase db) throws Exception {
        AdminHandler handler = handler(db, Fixtures.copy("reversible-three", tmp), new AdminRuns(held::add));

        JsonNode started = call(handler, "POST", "prod/migrate", Map.of(), 202);
        String runId = started.get("runId").asText();

        assertThat(started.get("state").asText()).isEqualTo("RUNNING");
        assertThat(started.get("message").asText())
                .isEqualTo("Started migrate: GET prod/status?run=" + runId + " for its progress and result.");
        assertThat(db.tables()).isEmpty();
        JsonNode running = call(handler, "GET", "prod/status", Map.of("run", runId), 200);
        assertThat(running.get("state").asText()).isEqualTo("RUNNING");
        assertThat(running.get("result").isNull()).isTrue();

        held.forEach(Runnable::run);

        JsonNode finished = call(handler, "GET", "prod/status", Map.of("run", runId), 200);
        assertThat(finished.get("state").asText()).isEqualTo("FINISHED");
        assertThat(finished.get("action").asText()).isEqualTo("upgrade");
        assertThat(finished.get("message").asText()).isEqualTo("Upgraded from revision base to 3: applied 3 migration(s).");
        assertThat(finished.get("progress")).hasSize(3);
        assertThat(finished.get("progress").get(0).asText()).matches("\\[1/3\\] V1 create users \\(\\d+ ms\\)");
        assertThat(finished.get("result").get("currentRevision").asText()).isEqualTo("3");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldRecordTheCallerAsTheAuditActor(TestDatabase db) throws Exception {
        AdminHandler handler = handler(db, Fixtures.copy("reversible-three", tmp), new AdminRuns(Runnable::run));

        call(handler, "POST", "prod/migrate", Map.of("revision", "1"), 202);

        assertThat(db.column("SELECT actor FROM db_migrate_audit")).containsExactly("jenkins admin alice");
    }

    @Test
    void shouldAnswerTheFailureOfAFinishedRunWithItsStatusCode(TestDatabase db) throws Exception {
        AdminHandler handler = handler(db, Fixtures.copy("broken-sql", tmp), new AdminRuns(Runnable::run));

        String runId = call(handler, "POST", "prod/migrate", Map.of(), 202).get("runId").asText();
        JsonNode failed = call(handler, "POST", "prod/status", Map.of("run", runId), 500);

        assertThat(failed.get("success").asBoolean()).isFalse();
        assertThat(failed.get("state").asText()).isEqualTo("FINISHED");
        assertThat(failed.get("result").get("error").asText()).isEqualTo("SQL_ERROR");
        assertThat(failed.get("progress")).hasSize(2);
    }

    @Test
    void shouldRefuseABadRequestBeforeStartingARun(TestDatabase db) throws Exception {
        AdminHandler handler = handler(db, Fixtures.copy("reversible-three", tmp), new AdminRuns(held::add));

        JsonNode refused = call(handler, "POST", "prod/migrate", Map.of("revision", "banana"), 400);

        assertThat(refused.get("error").asText()).isEqualTo("INVALID_INPUT");
        assertThat(held).isEmpty();
    }

    @Test
    void shouldNotFindARunOfAnotherTargetOrAnUnknownId(TestDatabase db) throws Exception {
        AdminHandler handler = handler(db, Fixtures.copy("reversible-three", tmp), new AdminRuns(held::add));
        String runId = call(handler, "POST", "prod/migrate", Map.of(), 202).get("runId").asText();

        JsonNode unknown = call(handler, "GET", "prod/status", Map.of("run", "nope"), 404);
        call(handler, "GET", "staging/status", Map.of("run", runId), 404);

        assertThat(unknown.get("message").asText()).isEqualTo("No run 'nope' on this target. Runs are kept in memory,"
                + " the newest 100, until a restart.");
    }

    @Test
    void shouldStillAnswerStatusWithoutARunAndListBackupsAtOnce(TestDatabase db) throws Exception {
        AdminHandler handler = handler(db, Fixtures.copy("reversible-three", tmp), new AdminRuns(held::add));

        assertThat(call(handler, "GET", "prod/status", Map.of(), 200).get("action").asText()).isEqualTo("current");
        assertThat(call(handler, "GET", "prod/backups", Map.of(), 200).get("action").asText()).isEqualTo("backups");
        assertThat(held).isEmpty();
    }

    @Test
    void shouldRunOnItsOwnThreadAndFinish(TestDatabase db) throws Exception {
        AdminHandler handler = handler(db, Fixtures.copy("reversible-three", tmp), AdminRuns.onOwnThreads());

        String runId = call(handler, "POST", "prod/migrate", Map.of(), 202).get("runId").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode status = call(handler, "GET", "prod/status", Map.of("run", runId), 200);
        while (status.get("state").asText().equals("RUNNING") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            status = call(handler, "GET", "prod/status", Map.of("run", runId), 200);
        }

        assertThat(status.get("state").asText()).isEqualTo("FINISHED");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }
}
