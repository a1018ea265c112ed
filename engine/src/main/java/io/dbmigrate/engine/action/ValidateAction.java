package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.error.Warnings;
import io.dbmigrate.engine.revision.Revisions;
import io.dbmigrate.engine.undo.ScriptLocations;
import io.dbmigrate.engine.undo.UndoCallbacks;
import io.dbmigrate.engine.undo.UndoEnvironment;
import io.dbmigrate.engine.undo.UndoScript;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Flyway's validation (pending migrations allowed), plus: every applied migration has an undo script. Repeatable
 * migrations waiting to be (re-)applied are reported as warnings: what they create may be missing until then.
 */
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
            // Flyway's default "*:future" kept: setting the patterns replaces it, and migrate passes future ones over
            ValidateResult result = session.flywayConfig().ignoreMigrationPatterns("*:future", "*:pending").load()
                    .validateWithResult();
            for (ValidateOutput invalid : result.invalidMigrations) {
                if (invalid.errorDetails.errorCode == CoreErrorCode.CHECKSUM_MISMATCH) {
                    kind = ErrorKind.CHECKSUM_MISMATCH;
                    problems.add(RunFailures.checksumChanged(Path.of(invalid.filepath).getFileName().toString(),
                            invalid.version));
                } else {
                    problems.add(invalid.errorDetails.errorMessage.replace('\n', ' ').trim());
                }
            }
            if (!result.validationSuccessful && problems.isEmpty() && result.errorDetails != null) {
                problems.add(result.errorDetails.errorMessage.replace('\n', ' ').trim());
            }
        }
        // an undo script or SQL callback that a downgrade would refuse (BEGIN/COMMIT, CONCURRENTLY...) is a problem
        // now, not then
        UndoEnvironment environment = session.undoEnvironment();
        for (Path undo : session.locations().allUndoScripts()) {
            try {
                UndoScript.read(undo, environment);
            } catch (MigrationException refused) {
                problems.add(refused.getMessage());
                kind = kind == null ? refused.kind() : kind;
            }
        }
        try {
            UndoCallbacks.read(session.locations(), environment);
        } catch (MigrationException refused) {
            problems.add(refused.getMessage());
            kind = kind == null ? refused.kind() : kind;
        }
        List<String> irreversible = new ArrayList<>();
        for (MigrationInfo applied : catalog.applied()) {
            if (!applied.getType().isBaseline() && session.locations().undoScript(applied.getVersion()).isEmpty()) {
                irreversible.add(Warnings.noUndoScript(applied.getVersion().getVersion()));
            }
        }
        // --allow-irreversible: a missing undo script is a warning, other problems still fail
        if (!session.request().allowIrreversible()) {
            problems.addAll(irreversible);
            kind = kind == null && !irreversible.isEmpty() ? ErrorKind.IRREVERSIBLE : kind;
        }
        if (!problems.isEmpty()) {
            throw RunFailures.validationFailed(kind == null ? ErrorKind.INVALID_INPUT : kind, problems);
        }
        String previous = session.previousRevision().map(Revisions::display).orElse("");
        List<String> allowed = session.request().allowIrreversible() ? irreversible : List.of();
        List<String> ignored = ignoredFiles(catalog);
        // not a failure (a downgrade leaves them so on purpose), but not silent: their objects may be missing now
        List<String> repeatables = catalog.pendingRepeatables().stream()
                .map(r -> Warnings.repeatablePending(r.getScript())).toList();
        List<String> warnings = new ArrayList<>(catalog.futureWarnings(session.locations()));
        warnings.addAll(allowed);
        warnings.addAll(ignored);
        warnings.addAll(repeatables);
        return Results.success(session.request(), Messages.valid(catalog.applied().size(), allowed.size(),
                        ignored.size(), repeatables.size()),
                catalog.currentRevision(), previous, "", List.of(), catalog.pendingCount(), warnings);
    }

    /** Files that look meant for Flyway or for undo but that neither will ever read: said, not silently passed over. */
    private List<String> ignoredFiles(MigrationCatalog catalog) {
        List<String> ignored = new ArrayList<>();
        for (Path file : session.locations().misnamedScripts()) {
            ignored.add(Warnings.misnamedScript(file.getFileName().toString(), file.getParent().toString()));
        }
        Set<MigrationVersion> known = new HashSet<>(catalog.knownVersions());
        for (Path undo : session.locations().allUndoScripts()) {
            MigrationVersion version = ScriptLocations.undoVersion(undo);
            if (!known.contains(version)) {
                ignored.add(Warnings.orphanUndoScript(undo.getFileName().toString(), version.getVersion()));
            }
        }
        return ignored;
    }
}
