package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.ProgressListener;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Database;
import io.dbmigrate.engine.connection.ErrorTranslator;
import io.dbmigrate.engine.error.RunFailures;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database created beside the session's database, on the same server, for an action to work on
 * instead of the target; dropped when closed. The run's migrations can be applied to it and undone
 * with the engine's own upgrade and downgrade.
 */
final class ScratchDatabase implements AutoCloseable {
    private final Session session;
    private final String name;

    private ScratchDatabase(Session session, String name) {
        this.session = session;
        this.name = name;
    }

    /** {@code prefix} starts the database's name; {@code action} names who needs it, for the error message. */
    static ScratchDatabase create(Session session, String prefix, String action) {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Statement st = session.connection().createStatement()) {
            st.execute("CREATE DATABASE " + name);
            return new ScratchDatabase(session, name);
        } catch (SQLException e) {
            // no CREATEDB is a missing privilege, not a connection problem: the message says what to grant
            boolean denied = ErrorTranslator.INSUFFICIENT_PRIVILEGE.equals(e.getSQLState());
            throw RunFailures.scratchUnavailable(action, ErrorTranslator.serverMessage(e),
                            session.request().connection().user(), denied);
        }
    }

    ConnectionSettings settings() {
        return session.request().connection().withDatabase(name);
    }

    Connection open(String applicationName) {
        return Database.open(settings(), applicationName);
    }

    /** Runs upgrade or downgrade here with the run's locations, schemas and Flyway settings, without backups. */
    MigrationResult migrate(Action action, String revision, String actorSuffix) throws SQLException {
        return migrate(action, revision, actorSuffix, true);
    }

    /** The same; without {@code repeatables}, Flyway sees only the versioned migrations. */
    MigrationResult migrate(Action action, String revision, String actorSuffix, boolean repeatables)
            throws SQLException {
        MigrationRequest original = session.request();
        MigrationRequest request = MigrationRequest.builder(action).connection(settings()).revision(revision)
                .locations(original.locations()).schemas(original.schemas())
                .workingDirectory(original.workingDirectory()).actor(original.actor() + " (" + actorSuffix + ")")
                .lockTimeoutSeconds(original.lockTimeoutSeconds()).flywaySettings(original.flywaySettings())
                .outOfOrder(original.outOfOrder()).backups(false).build();
        try (Session scratchSession = Session.open(request, ProgressListener.NONE, !repeatables)) {
            return action == Action.UPGRADE ? new UpgradeAction(scratchSession).run()
                    : new DowngradeAction(scratchSession).run();
        } catch (PositionedFailure failure) {
            // where the scratch run stood is not where this run stands: its failure is this run's, as thrown
            throw failure.unwrap();
        }
    }

    @Override
    public void close() throws SQLException {
        try (Statement st = session.connection().createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
