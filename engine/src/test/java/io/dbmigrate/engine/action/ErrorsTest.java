package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Secret;
import io.dbmigrate.engine.error.DatabaseFailures;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.RequestFailures;
import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.history.HistoryTable;
import io.dbmigrate.engine.lock.MigrationLock;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failure a user can meet, with its kind, its exact message, and no password anywhere. */
@ExtendWith(PostgresExtension.class)
class ErrorsTest {
    private static final String WRONG_PASSWORD = "wrong-Qz81-password";

    private final MigrationEngine engine = new MigrationEngine();
    private final List<MigrationResult> failures = new ArrayList<>();

    @TempDir
    Path tmp;

    /** Runs the request and keeps the failure, so that no test can forget the password check. */
    private MigrationResult fail(MigrationRequest request) {
        MigrationResult result = engine.run(request);
        assertThat(result.success()).as(result.message()).isFalse();
        failures.add(result);
        return result;
    }

    @AfterEach
    void checkThatNoFailureShowsThePassword() {
        assertThat(failures).isNotEmpty();
        for (MigrationResult result : failures) {
            assertThat(result.message()).doesNotContain(PostgresExtension.PASSWORD).doesNotContain(WRONG_PASSWORD);
            assertThat(result.toString()).doesNotContain(PostgresExtension.PASSWORD).doesNotContain(WRONG_PASSWORD);
        }
    }

    private static ConnectionSettings settings(String jdbcUrl, String password, String credentialsId) {
        return new ConnectionSettings(jdbcUrl, PostgresExtension.USER, Secret.of(password), "--url", credentialsId);
    }

    private static MigrationRequest current(ConnectionSettings settings) {
        return MigrationRequest.builder(Action.CURRENT).connection(settings).actor("test").build();
    }

    /** A plain connection that holds an advisory lock until closed, named as pg_stat_activity shows it. */
    private static Connection holdLock(TestDatabase db, long key) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", PostgresExtension.USER);
        props.setProperty("password", PostgresExtension.PASSWORD);
        props.setProperty("ApplicationName", "holder-app");
        Connection holder = DriverManager.getConnection(db.jdbcUrl(), props);
        try (PreparedStatement st = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            st.setLong(1, key);
            st.execute();
        }
        return holder;
    }

    @Test
    void shouldSayTheConnectionWasRefusedAndWhereToLook() throws Exception {
        int port = PostgresExtension.unusedPort();

        MigrationResult result = fail(current(settings("jdbc:postgresql://localhost:" + port + "/db",
                PostgresExtension.PASSWORD, "")));

        assertThat(result.error()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(result.message()).isEqualTo("Cannot connect to database at localhost:" + port + "/db: connection"
                + " refused (is PostgreSQL running and listening there?). Check --url (or DATABASE_URL).");
        assertThat(result.action()).isEqualTo(Action.CURRENT);
        assertThat(result.currentRevision()).isEmpty();
        assertThat(result.migrations()).isEmpty();
    }

    @Test
    void shouldPointAtDatabaseUrlWhenTheUrlCameFromThere() throws Exception {
        int port = PostgresExtension.unusedPort();
        ConnectionSettings settings = ConnectionSettings.resolve(null, null, null, Map.of("DATABASE_URL",
                "postgresql://" + PostgresExtension.USER + ":" + PostgresExtension.PASSWORD + "@localhost:" + port + "/db"),
                "--url", "");

        MigrationResult result = fail(current(settings));

        assertThat(result.error()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(result.message()).isEqualTo("Cannot connect to database at localhost:" + port + "/db: connection"
                + " refused (is PostgreSQL running and listening there?). Check DATABASE_URL (or pass --url / url).");
    }

    @Test
    void shouldNotShowAPasswordWithAnUnencodedSlashOrAtSign() throws Exception {
        int port = PostgresExtension.unusedPort();
        ConnectionSettings settings = ConnectionSettings.resolve(null, null, null, Map.of("DATABASE_URL",
                "postgresql://" + PostgresExtension.USER + ":" + PostgresExtension.PASSWORD + "/@x@localhost:" + port
                        + "/db"), "--url", "");

        MigrationResult result = fail(current(settings));

        assertThat(result.error()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(result.message()).startsWith("Cannot connect to database at localhost:" + port + "/db: connection refused");
    }

    @Test
    void shouldSayTheDatabaseDoesNotExist(TestDatabase db) {
        ConnectionSettings settings = ConnectionSettings.resolve(null, null, null, Map.of("DATABASE_URL",
                db.postgresUrl() + "_missing"), "--url", "");

        MigrationResult result = fail(current(settings));

        assertThat(result.error()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(result.message()).isEqualTo("Cannot connect to database at localhost:" + db.port() + "/" + db.name()
                + "_missing: database " + db.name() + "_missing does not exist. Check DATABASE_URL (or pass --url / url).");
    }

    @Test
    void shouldSayAuthenticationFailedNamingTheUser(TestDatabase db) {
        MigrationResult result = fail(current(settings(db.jdbcUrl(), WRONG_PASSWORD, "")));

        assertThat(result.error()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(result.message()).isEqualTo("Authentication failed for user 'dbm_app' at localhost:" + db.port() + "/"
                + db.name() + ". Check the password (PGPASSWORD or --password-env).");
        assertThat(result.currentRevision()).isEmpty();
    }

    @Test
    void shouldNameTheCredentialsIdWhenAuthenticationFails(TestDatabase db) {
        MigrationResult result = fail(current(settings(db.jdbcUrl(), WRONG_PASSWORD, "staging-db")));

        assertThat(result.error()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(result.message()).isEqualTo("Authentication failed for user 'dbm_app' at localhost:" + db.port() + "/"
                + db.name() + ". Check the credentials 'staging-db'.");
    }

    @Test
    void shouldSayHowToGiveAUrlWhenThereIsNone() {
        MigrationResult result = fail(MigrationRequest.builder(Action.UPGRADE).actor("test").build());

        assertThat(result.error()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(result.message()).isEqualTo(DatabaseFailures.noUrl().getMessage());
        assertThat(result.action()).isEqualTo(Action.UPGRADE);
    }

    @Test
    void shouldRefuseToDowngradeADatabaseWithoutHistory(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = fail(Requests.of(db, Action.DOWNGRADE, "", dir));

        assertThat(result.error()).isEqualTo(ErrorKind.NOT_INITIALIZED);
        assertThat(result.message()).isEqualTo("The database is not initialized: schema public has no schema history"
                + " table. Run init first.");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void shouldRefuseToUpgradeASchemaWithTablesButNoHistory(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        db.execute("CREATE TABLE legacy (id int)");

        MigrationResult result = fail(Requests.of(db, Action.UPGRADE, "", dir));

        assertThat(result.error()).isEqualTo(ErrorKind.NOT_INITIALIZED);
        assertThat(result.message()).isEqualTo(RunFailures.nonEmptyWithoutHistory("public").getMessage()).isEqualTo("Schema public"
                + " already holds tables but no schema history table. Run init with the revision this database is at"
                + " (for example: init 3) to baseline it.");
        assertThat(db.tables()).containsExactly("legacy");
    }

    @Test
    void shouldRefuseARevisionForAnActionThatTakesNone(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = fail(Requests.of(db, Action.CURRENT, "3", dir));

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("The action 'current' takes no revision (got '3').");
    }

    @Test
    void shouldRefuseABadRevisionBeforeConnecting() {
        MigrationRequest request = MigrationRequest.builder(Action.UPGRADE).revision("3..1")
                .connection(settings("jdbc:postgresql://localhost:1/never", PostgresExtension.PASSWORD, ""))
                .build();

        MigrationResult result = fail(request);

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo(RequestFailures.badRevision("3..1").getMessage());
    }

    @Test
    void shouldListTheKnownVersionsForAnUnknownOne(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);

        MigrationResult result = fail(Requests.of(db, Action.UPGRADE, "7", dir));

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("Unknown revision '7'. Known versions: 1, 2, 3.");
        assertThat(result.currentRevision()).isEqualTo("base");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void shouldRefuseToUpgradeBelowTheCurrentRevision(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        assertThat(engine.run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();

        MigrationResult result = fail(Requests.of(db, Action.UPGRADE, "1", dir));

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("Revision 1 is below the current revision 3: use downgrade to go back.");
        assertThat(result.currentRevision()).isEqualTo("3");
        assertThat(result.previousRevision()).isEqualTo("3");
        assertThat(result.target()).isEqualTo("1");
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldRefuseToDowngradeAboveTheCurrentRevision(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        assertThat(engine.run(Requests.of(db, Action.UPGRADE, "1", dir)).success()).isTrue();

        MigrationResult result = fail(Requests.of(db, Action.DOWNGRADE, "3", dir));

        assertThat(result.error()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.message()).isEqualTo("Revision 3 is above the current revision 1: use upgrade to go forward.");
        assertThat(db.historyVersions()).containsExactly("1");
    }

    @Test
    void shouldSayWhoHoldsTheRunLockAndApplyNothing(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        try (Connection holder = holdLock(db, MigrationLock.runKey("public", HistoryTable.NAME))) {

            MigrationResult result = fail(Requests.on(db, Action.UPGRADE, dir).lockTimeoutSeconds(1).build());

            assertThat(result.error()).isEqualTo(ErrorKind.LOCKED);
            assertThat(result.message()).startsWith("Another migration is running: holder-app (pid ")
                    .matches("Another migration is running: holder-app \\(pid \\d+, user dbm_app\\) has held the lock"
                            + " since \\d{4}-\\d\\d-\\d\\dT\\S+\\. Waited 1 s; try again later or raise --lock-timeout\\.");
            assertThat(result.migrations()).isEmpty();
        }
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void shouldWaitForFlywaysOwnLockBeforeUndoing(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp);
        assertThat(engine.run(Requests.of(db, Action.UPGRADE, "", dir)).success()).isTrue();
        List<String> before = db.fingerprint();
        try (Connection holder = holdLock(db, MigrationLock.flywayKey("public", HistoryTable.NAME))) {
            long started = System.nanoTime();

            MigrationResult result = fail(Requests.on(db, Action.DOWNGRADE, dir).lockTimeoutSeconds(1).build());

            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1000);
            assertThat(result.error()).isEqualTo(ErrorKind.LOCKED);
            assertThat(result.message()).startsWith("Another migration is running: holder-app (pid ");
            assertThat(result.currentRevision()).isEqualTo("3");
        }
        assertThat(db.historyVersions()).containsExactly("1", "2", "3");
        assertThat(db.fingerprint()).isEqualTo(before);
    }
}
