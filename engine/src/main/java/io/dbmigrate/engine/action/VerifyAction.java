package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.error.Warnings;
import io.dbmigrate.engine.revision.RevisionExpression;
import io.dbmigrate.engine.revision.RevisionResolver;
import io.dbmigrate.engine.revision.Revisions;
import io.dbmigrate.engine.schema.SchemaSnapshot;
import io.dbmigrate.engine.undo.UndoEnvironment;
import io.dbmigrate.engine.undo.UndoScript;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Proves every migration reverses, on a scratch database created beside the target (never on the
 * target itself): for each version in order, apply V, undo it, compare the schema with the one before,
 * apply V again, compare with the one after. Names the first migration that does not round-trip. With
 * {@code --allow-irreversible}, a migration without an undo script is applied and listed, not a stop.
 * Repeatable migrations run after all of that, as an upgrade runs them: applied at the target, then a
 * downgrade to base and an upgrade back must give the same schema (what they create exists again).
 */
public final class VerifyAction {
    private final Session session;

    public VerifyAction(Session session) {
        this.session = session;
    }

    public MigrationResult run() throws SQLException {
        RevisionExpression expression = RevisionExpression.parse(session.request().effectiveRevision());
        session.locations().requireUsable();
        MigrationCatalog catalog = session.catalog();
        MigrationVersion target = new RevisionResolver(catalog.knownVersions(), catalog.current(), Optional.empty())
                .resolve(expression);
        List<MigrationVersion> versions = catalog.knownVersions().stream().filter(v -> v.compareTo(target) <= 0).toList();
        List<MigrationVersion> irreversible = versions.stream()
                .filter(v -> session.locations().undoScript(v).isEmpty()).toList();
        boolean allowIrreversible = session.request().allowIrreversible();
        if (!irreversible.isEmpty() && !allowIrreversible) {
            throw RunFailures.notReversible(
                    irreversible.stream().map(v -> "V" + v.getVersion()).toList(), session.locations().describe());
        }
        UndoEnvironment environment = session.undoEnvironment();
        versions.stream().filter(v -> !irreversible.contains(v))
                .forEach(v -> UndoScript.read(session.locations().undoScript(v).orElseThrow(), environment));
        // at base no versioned migration runs, and neither does a repeatable one (it may need them); without every
        // undo script there is no downgrade to base to bring them back with
        int repeatables = versions.isEmpty() || !irreversible.isEmpty() ? 0 : (int) catalog.repeatables().stream()
                .filter(r -> r.getState().isResolved()).map(MigrationInfo::getScript).distinct().count();
        try (ScratchDatabase scratch = ScratchDatabase.create(session, "dbm_verify_", "verify")) {
            MigrationVersion previous = MigrationVersion.EMPTY;
            for (MigrationVersion version : versions) {
                if (irreversible.contains(version)) {
                    step(scratch, Action.UPGRADE, version.getVersion(), version.getVersion());
                } else {
                    roundTrip(scratch, previous, version);
                }
                previous = version;
            }
            if (repeatables > 0) {
                roundTripRepeatables(scratch, Revisions.display(target));
            }
        }
        String to = Revisions.display(target);
        if (allowIrreversible) {
            List<String> listed = irreversible.stream().map(v -> Warnings.noUndoScript(v.getVersion())).toList();
            return Results.success(session.request(), Messages.verifiedAllowingIrreversible(
                    versions.size() - irreversible.size(), to, repeatables, listed), catalog.currentRevision(), "", to,
                    List.of(), catalog.pendingCount(), listed);
        }
        return Results.success(session.request(), Messages.verified(versions.size(), to, repeatables),
                catalog.currentRevision(), "", to, List.of(), catalog.pendingCount());
    }

    /**
     * At the target: apply the repeatables, downgrade to base (which marks them to be re-applied) and upgrade back;
     * everything they created must exist again, as it was.
     */
    private void roundTripRepeatables(ScratchDatabase scratch, String target) throws SQLException {
        repeatablesStep(scratch, Action.UPGRADE, target);
        SchemaSnapshot applied = snapshot(scratch);
        repeatablesStep(scratch, Action.DOWNGRADE, Revisions.BASE);
        repeatablesStep(scratch, Action.UPGRADE, target);
        List<String> diff = applied.differencesTo(snapshot(scratch));
        if (!diff.isEmpty()) {
            throw RunFailures.repeatablesDoNotReturn(target, diff);
        }
    }

    private void repeatablesStep(ScratchDatabase scratch, Action action, String revision) throws SQLException {
        MigrationResult result;
        try {
            result = scratch.migrate(action, revision, "verify");
        } catch (MigrationException refused) {
            // e.g. an undo script that cannot drop a column while a repeatable's view depends on it
            throw RunFailures.verifyRepeatablesFailed(refused.kind(), action.id(), revision,
                    refused.getMessage());
        }
        if (!result.success()) {
            throw RunFailures.verifyRepeatablesFailed(result.error(), action.id(), revision,
                    result.message());
        }
    }

    private void roundTrip(ScratchDatabase scratch, MigrationVersion previous, MigrationVersion version)
            throws SQLException {
        String v = version.getVersion();
        SchemaSnapshot before = snapshot(scratch);
        step(scratch, Action.UPGRADE, v, v);
        SchemaSnapshot after = snapshot(scratch);
        step(scratch, Action.DOWNGRADE, Revisions.display(previous), v);
        List<String> undoDiff = before.differencesTo(snapshot(scratch));
        if (!undoDiff.isEmpty()) {
            String undo = session.locations().undoScript(version).orElseThrow().getFileName().toString();
            throw RunFailures.doesNotRoundTrip(v, undo, undoDiff);
        }
        step(scratch, Action.UPGRADE, v, v);
        List<String> redoDiff = after.differencesTo(snapshot(scratch));
        if (!redoDiff.isEmpty()) {
            throw RunFailures.reapplyDiffers(v, redoDiff);
        }
    }

    private void step(ScratchDatabase scratch, Action action, String revision, String version) throws SQLException {
        MigrationResult result = scratch.migrate(action, revision, "verify", false);
        if (!result.success()) {
            throw RunFailures.verifyStepFailed(result.error(), version, result.message());
        }
    }

    private SchemaSnapshot snapshot(ScratchDatabase scratch) throws SQLException {
        try (Connection connection = scratch.open("db-migrate verify")) {
            List<String> schemas = session.request().schemas().isEmpty() ? List.of(session.schema())
                    : session.request().schemas();
            return SchemaSnapshot.read(connection, schemas);
        }
    }
}
