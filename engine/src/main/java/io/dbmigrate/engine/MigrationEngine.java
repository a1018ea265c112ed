package io.dbmigrate.engine;

import io.dbmigrate.engine.action.AutogenerateAction;
import io.dbmigrate.engine.action.BackupsAction;
import io.dbmigrate.engine.action.CreateAction;
import io.dbmigrate.engine.action.CreateUndoAction;
import io.dbmigrate.engine.action.CurrentAction;
import io.dbmigrate.engine.action.DowngradeAction;
import io.dbmigrate.engine.action.InfoAction;
import io.dbmigrate.engine.action.InitAction;
import io.dbmigrate.engine.action.PositionedFailure;
import io.dbmigrate.engine.action.PruneAction;
import io.dbmigrate.engine.action.RepairAction;
import io.dbmigrate.engine.action.RestoreAction;
import io.dbmigrate.engine.action.Results;
import io.dbmigrate.engine.action.RunPosition;
import io.dbmigrate.engine.action.Session;
import io.dbmigrate.engine.action.UpgradeAction;
import io.dbmigrate.engine.action.ValidateAction;
import io.dbmigrate.engine.action.VerifyAction;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.ProgressListener;
import io.dbmigrate.engine.api.RequestRules;
import io.dbmigrate.engine.connection.ErrorTranslator;
import io.dbmigrate.engine.connection.Secret;
import io.dbmigrate.engine.connection.Secrets;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RequestFailures;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

/**
 * The one entry point: a request in, a result out, never an exception. It only dispatches; each
 * action is its own class. Every message leaves through {@link Secrets#mask}.
 */
public final class MigrationEngine {
    /** Null: the system clock in the default zone, made when create needs it (the zone rules take a while to load). */
    private final Clock clock;

    public MigrationEngine() {
        this.clock = null;
    }

    public MigrationEngine(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    private Clock clock() {
        return clock == null ? Clock.systemDefaultZone() : clock;
    }

    public MigrationResult run(MigrationRequest request) {
        return run(request, ProgressListener.NONE);
    }

    public MigrationResult run(MigrationRequest request, ProgressListener progress) {
        Secret password = request.connection() == null ? Secret.NONE : request.connection().password();
        MigrationResult result = dispatch(request, progress).withWarningsFirst(request.flywaySettings().warnings());
        return result.withMessage(Secrets.mask(result.message(), password));
    }

    private MigrationResult dispatch(MigrationRequest request, ProgressListener progress) {
        try {
            checkRevisionAllowed(request);
            checkAutogenerate(request);
            checkUndo(request);
            if (request.action() == Action.CREATE && request.autogenerateFrom().isEmpty() && !request.undo()) {
                return new CreateAction(request, clock()).run();
            }
        } catch (MigrationException e) {
            return MigrationResult.failed(request.action(), e);
        } catch (IOException e) {
            return MigrationResult.failed(request.action(), RequestFailures.cannotWrite(e.getMessage()));
        }
        Session session;
        try {
            session = Session.open(request, progress);
        } catch (MigrationException e) {
            return MigrationResult.failed(request.action(), e);
        }
        try {
            return switch (request.action()) {
                case INIT -> new InitAction(session).run();
                case UPGRADE -> new UpgradeAction(session).run();
                case DOWNGRADE -> new DowngradeAction(session).run();
                case CURRENT -> new CurrentAction(session).run();
                case INFO -> new InfoAction(session).run();
                case VALIDATE -> new ValidateAction(session).run();
                case VERIFY -> new VerifyAction(session).run();
                case CREATE -> request.undo() ? new CreateUndoAction(session).run()
                        : new AutogenerateAction(session, clock()).run();
                case BACKUPS -> new BackupsAction(session).run();
                case RESTORE -> new RestoreAction(session).run();
                case PRUNE -> new PruneAction(session).run();
                case REPAIR -> new RepairAction(session).run();
            };
        } catch (PositionedFailure e) {
            return failure(request, session, e.failure(), e.position());
        } catch (SQLException | RuntimeException e) {
            return failure(request, session, e, RunPosition.UNKNOWN);
        } finally {
            session.close();
        }
    }

    /** An action's failure, with where the run started and aimed when the action knew it. */
    private static MigrationResult failure(MigrationRequest request, Session session, Exception e,
                                           RunPosition position) {
        MigrationException error = new ErrorTranslator(request.connection()).translate(e);
        // read the revision while the session is still open: the failure message says where the database stays
        String current = error.kind() == ErrorKind.CONNECTION || error.kind() == ErrorKind.AUTHENTICATION
                ? "" : session.currentRevisionNow();
        return Results.failure(request, error, current, position.from(), position.to());
    }

    /** A schema file only goes with create, and create always needs a description: checked before connecting. */
    private static void checkAutogenerate(MigrationRequest request) {
        if (request.autogenerateFrom().isEmpty()) {
            return;
        }
        if (request.action() != Action.CREATE) {
            throw RequestFailures.autogenerateOnlyForCreate(request.action().id());
        }
        if (request.description().isBlank()) {
            throw RequestFailures.descriptionRequired();
        }
    }

    /** Undo scripts for existing V scripts come from create alone, and not from a schema file. */
    private static void checkUndo(MigrationRequest request) {
        if (request.undo() && request.action() != Action.CREATE) {
            throw RequestFailures.undoOnlyForCreate(request.action().id());
        }
        if (request.undo() && !request.autogenerateFrom().isEmpty()) {
            throw RequestFailures.undoWithAutogenerate();
        }
    }

    /** Catches a revision on an action that takes none, and bad revision syntax, before connecting. */
    private static void checkRevisionAllowed(MigrationRequest request) {
        RequestRules.checkRevision(request.action(), request.revision());
    }
}
