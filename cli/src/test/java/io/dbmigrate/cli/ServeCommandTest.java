package io.dbmigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code serve} over real HTTP, against a real database. */
@ExtendWith(PostgresExtension.class)
class ServeCommandTest {
    private static final String TOKEN = "test-token-5b1e";
    private static final Map<String, String> ENV = Map.of("TEST_DB_PASSWORD", PostgresExtension.PASSWORD,
            "TEST_ADMIN_TOKEN", TOKEN);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final StringWriter err = new StringWriter();
    private ServeCommand serve;
    private URI root;

    @TempDir
    Path tmp;

    @AfterEach
    void stopServer() {
        if (serve != null) {
            serve.stop();
        }
    }

    @Test
    void shouldAnnounceTheAddressWithTheRealPort(TestDatabase db) throws Exception {
        int port = startServer(db);

        assertThat(port).isPositive();
        assertThat(err.toString()).contains(
                "Serving db-migrate admin endpoints on http://127.0.0.1:" + port + "/admin/db/");
    }

    @Test
    void shouldAnswer401WithoutTheRightToken(TestDatabase db) throws Exception {
        startServer(db);

        for (HttpRequest.Builder request : new HttpRequest.Builder[]{
                HttpRequest.newBuilder(root.resolve("status")),
                HttpRequest.newBuilder(root.resolve("status")).header("Authorization", "Bearer wrong-token"),
                HttpRequest.newBuilder(root.resolve("status")).header("Authorization", "Bearer " + TOKEN + "x"),
                HttpRequest.newBuilder(root.resolve("status")).header("Authorization", "Basic " + TOKEN),
                HttpRequest.newBuilder(root.resolve("/elsewhere"))}) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
            JsonNode json = JSON.readTree(response.body());
            assertThat(json.get("success").asBoolean()).isFalse();
            assertThat(json.get("message").asText())
                    .isEqualTo("Missing or wrong bearer token: send the header 'Authorization: Bearer <token>'.");
        }
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void shouldAnswer405ForGetOnMigrate(TestDatabase db) throws Exception {
        startServer(db);

        HttpResponse<String> response = send(authorized("migrate").GET());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(response.body()).get("message").asText())
                .isEqualTo("Method GET is not allowed on migrate: use POST.");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void shouldMigrateReportAndDowngradeOverHttp(TestDatabase db) throws Exception {
        startServer(db);

        HttpResponse<String> started = send(authorized("migrate").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode migrated = finished(started);
        assertThat(migrated.get("message").asText()).isEqualTo("Upgraded from revision base to 2: applied 2 migration(s).");
        assertThat(migrated.get("progress")).hasSize(2);
        assertThat(db.tables()).contains("users", "tasks");

        HttpResponse<String> status = send(authorized("status").GET());
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(status.body());
        assertThat(json.get("currentRevision").asText()).isEqualTo("2");
        assertThat(json.get("action").asText()).isEqualTo("current");

        JsonNode downgraded = finished(send(authorized("downgrade")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("revision=base"))));
        assertThat(downgraded.get("result").get("currentRevision").asText()).isEqualTo("base");
        assertThat(db.tables()).doesNotContain("users", "tasks");
    }

    @Test
    void shouldTakeTheRevisionFromTheQueryString(TestDatabase db) throws Exception {
        startServer(db);

        JsonNode response = finished(send(authorized("migrate?revision=1").POST(HttpRequest.BodyPublishers.noBody())));

        assertThat(response.get("result").get("currentRevision").asText()).isEqualTo("1");
        assertThat(db.tables()).contains("users").doesNotContain("tasks");
    }

    @Test
    void shouldHonourAJsonBodyAndRefuseABodyItCannotRead(TestDatabase db) throws Exception {
        startServer(db);

        JsonNode json = finished(send(authorized("migrate").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"revision\": \"1\"}"))));
        HttpResponse<String> text = send(authorized("migrate").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("revision=2")));
        HttpResponse<String> nested = send(authorized("migrate").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"revision\": {\"to\": 2}}")));

        assertThat(json.get("result").get("currentRevision").asText()).isEqualTo("1");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(text.body()).get("message").asText()).isEqualTo("Unsupported request body"
                + " (Content-Type 'text/plain'): send parameters as a form (application/x-www-form-urlencoded), as a"
                + " JSON object (application/json) or in the query string.");
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(db.tables()).contains("users").doesNotContain("tasks");
    }

    @Test
    void shouldAnswer400ForABadRevisionAndForMalformedParameters(TestDatabase db) throws Exception {
        startServer(db);

        HttpResponse<String> badRevision = send(authorized("migrate?revision=banana")
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> malformed = send(authorized("migrate")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("revision=%zz")));

        assertThat(badRevision.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badRevision.body()).get("error").asText()).isEqualTo("INVALID_INPUT");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("message").asText())
                .isEqualTo("Malformed parameters: send name=value pairs, %-encoded as an HTML form does.");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void shouldAnswer404ForUnknownPathsAndTargets(TestDatabase db) throws Exception {
        startServer(db);

        HttpResponse<String> unknown = send(authorized("nope").GET());
        HttpResponse<String> outside = send(authorized("/elsewhere").GET());
        HttpResponse<String> target = send(authorized("prod/status").GET());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("message").asText())
                .isEqualTo("No db-migrate endpoint at 'nope'. Use status, migrate, downgrade, backups, restore or prune.");
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(outside.body()).get("message").asText())
                .isEqualTo("No db-migrate endpoint at '/elsewhere'. Use status, migrate, downgrade, backups, restore or prune.");
        assertThat(target.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(target.body()).get("message").asText()).isEqualTo("Unknown database target 'prod'.");
    }

    @Test
    void shouldAnswer413ForAnOversizedBody(TestDatabase db) throws Exception {
        startServer(db);

        HttpResponse<String> response = send(authorized("migrate")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("revision=" + "9".repeat(AdminHttpHandler.MAX_BODY_BYTES))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void shouldRefuseToStartWithoutAToken(TestDatabase db) {
        for (Map<String, String> env : java.util.List.of(Map.<String, String>of(),
                Map.of("DB_MIGRATE_ADMIN_TOKEN", ""), Map.of("DB_MIGRATE_ADMIN_TOKEN", "  "))) {
            StringWriter out = new StringWriter();
            StringWriter errors = new StringWriter();

            int status = DbMigrateCommand.execute(new String[]{"serve", "--port", "0", "--url", db.jdbcUrl()},
                    new PrintWriter(out, true), new PrintWriter(errors, true), env);

            assertThat(status).isEqualTo(2);
            assertThat(errors.toString()).startsWith("The environment variable DB_MIGRATE_ADMIN_TOKEN is unset or"
                    + " empty: serve needs the bearer token callers must send there (or name another variable with"
                    + " --token-env).");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void shouldSayWhyItCannotListen(TestDatabase db) throws Exception {
        int port = startServer(db);
        ServeCommand second = new ServeCommand(ENV);
        new CommandLine(second).setErr(new PrintWriter(new StringWriter(), true))
                .parseArgs(databaseArgs(db, "--port", String.valueOf(port)));

        assertThatThrownBy(second::start).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot listen on 127.0.0.1:" + port + ": ");
    }

    // --- helpers ---------------------------------------------------------------------------

    /** Starts serve in-process on a free port, as the command line would, against {@code db}. */
    private int startServer(TestDatabase db) throws IOException {
        serve = new ServeCommand(ENV);
        new CommandLine(serve).setErr(new PrintWriter(err, true)).parseArgs(databaseArgs(db, "--port", "0"));
        int port = serve.start();
        root = URI.create("http://127.0.0.1:" + port + "/admin/db/");
        return port;
    }

    private String[] databaseArgs(TestDatabase db, String... more) throws IOException {
        Path migrations = migrations();
        String[] args = {"--url", db.jdbcUrl(), "--user", PostgresExtension.USER, "--password-env", "TEST_DB_PASSWORD",
                "--locations", "filesystem:" + migrations, "--token-env", "TEST_ADMIN_TOKEN", "--lock-timeout", "5"};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** Written here rather than copied from the engine's fixtures: those sit inside the engine's test jar. */
    private Path migrations() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(dir.resolve("V1__create_users.sql"), "CREATE TABLE users (id bigserial PRIMARY KEY, email text);");
        Files.writeString(dir.resolve("U1__create_users.sql"), "DROP TABLE users;");
        Files.writeString(dir.resolve("V2__create_tasks.sql"),
                "CREATE TABLE tasks (id bigserial PRIMARY KEY, user_id bigint REFERENCES users (id));");
        Files.writeString(dir.resolve("U2__create_tasks.sql"), "DROP TABLE tasks;");
        return dir;
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(root.resolve(path)).header("Authorization", "Bearer " + TOKEN);
    }

    /** The final status of the run a state-changing call started, polled as a client would. */
    private JsonNode finished(HttpResponse<String> started) throws Exception {
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = JSON.readTree(started.body()).get("runId").asText();
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode status = JSON.readTree(send(authorized("status?run=" + runId).GET()).body());
        while (status.get("state").asText().equals("RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = JSON.readTree(send(authorized("status?run=" + runId).GET()).body());
        }
        assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("FINISHED");
        return status;
    }

    /** Sends a request; no answer may ever hold the database password. */
    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).doesNotContain(PostgresExtension.PASSWORD);
        return response;
    }
}
