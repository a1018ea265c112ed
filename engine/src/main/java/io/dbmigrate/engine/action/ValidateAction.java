package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationResult;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.revision.Revisions;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Flyway's validation (pending migrations allowed), plus: every applied migration has an undo script. */
public final class ValidateAction {
    private final Session session;

    public ValidateAction(Session session) {
        this.session = session;
    }

    public MigrationResult run() throws SQLException {
        session.locations().requireUsable();
        MigrationCatalog catalog = session.catalog();
        List<String> problems = new ArrayList<>();
        ErrorKind kind = null;
        if (catalog.historyExists()) {
            ValidateResult result = session.flywayConfig().ignoreMigrationPatterns("*:pending").load()
                    .validateWithResult();
            for (ValidateOutput invalid : result.invalidMigrations) {
                problems.add(invalid.errorDetails.errorMessage.replace('\n', ' ').trim());
                if (invalid.errorDetails.errorCode == CoreErrorCode.CHECKSUM_MISMATCH) {
                    kind = ErrorKind.CHECKSUM_MISMATCH;
                }
            }
            if (!result.validationSuccessful && problems.isEmpty() && result.errorDetails != null) {
                problems.add(result.errorDetails.errorMessage.replace('\n', ' ').trim());
            }
        }
        for (MigrationInfo applied : catalog.applied()) {
            if (!applied.getType().isBaseline() && session.locations().undoScript(applied.getVersion()).isEmpty()) {
                String version = applied.getVersion().getVersion();
                problems.add("V" + version + " has no undo script U" + version + "__*.sql");
                kind = kind == null ? ErrorKind.IRREVERSIBLE : kind;
            }
        }
        if (!problems.isEmpty()) {
            throw new MigrationException(kind == null ? ErrorKind.INVALID_INPUT : kind,
                    Messages.validationFailed(problems));
        }
        String previous = session.previousRevision().map(Revisions::display).orElse("");
        return Results.success(session.request(), Messages.valid(catalog.applied().size()), catalog.currentRevision(),
                previous, "", List.of(), catalog.pendingCount());
    }
}
