package io.dbmigrate.engine.action;

import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.error.ScriptFailures;
import io.dbmigrate.engine.undo.UndoCallbacks;
import io.dbmigrate.engine.undo.UndoEnvironment;
import io.dbmigrate.engine.undo.UndoScript;
import org.flywaydb.core.api.MigrationInfo;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a downgrade undoes, read and checked before anything is touched: the undo steps in the order they run, and the
 * SQL callbacks around them. Refuses a changed applied file, a baseline, a missing undo script, and a step outside a
 * transaction that is not the last (or, with backups, that holds a statement the backups cannot probe).
 */
record DowngradePlan(List<Undo> steps, UndoCallbacks callbacks) {
    DowngradePlan {
        steps = List.copyOf(steps);
    }

    /** An undo step: an applied migration and its undo script. */
    record Undo(MigrationInfo migration, UndoScript script) {
        String version() {
            return migration.getVersion().getVersion();
        }

        String name() {
            return script.name();
        }
    }

    static DowngradePlan read(Session session, MigrationCatalog catalog, List<MigrationInfo> toUndo)
            throws SQLException {
        catalog.requireAppliedUnchanged(toUndo, session.locations());
        UndoEnvironment environment = session.undoEnvironment();
        List<Undo> plan = new ArrayList<>();
        for (MigrationInfo migration : toUndo) {
            String version = migration.getVersion().getVersion();
            if (migration.getType().isBaseline()) {
                throw RunFailures.cannotReverseBaseline(version);
            }
            Path script = session.locations().undoScript(migration.getVersion()).orElseThrow(() ->
                    RunFailures.cannotReverse(version, session.locations().describe()));
            plan.add(new Undo(migration, UndoScript.read(script, environment)));
        }
        UndoCallbacks callbacks = UndoCallbacks.read(session.locations(), environment);
        for (int i = 0; i < plan.size(); i++) {
            Undo undo = plan.get(i);
            if (!undo.script().executeInTransaction()) {
                if (i < plan.size() - 1) {
                    throw ScriptFailures.outsideTransactionNotLast(undo.name(), undo.version());
                }
                if (session.request().backups()) {
                    undo.script().firstUnprobeable().ifPresent(statement -> {
                        throw ScriptFailures.outsideTransactionUnprobeable(undo.name(), statement.line());
                    });
                    // the callbacks around that step run outside the transaction with it, unprobed too
                    for (UndoScript callback : callbacks.aroundOutsideStep()) {
                        callback.firstUnprobeable().ifPresent(statement -> {
                            throw ScriptFailures.callbackOutsideTransactionUnprobeable(callback.name(), statement.line(),
                                            undo.name());
                        });
                    }
                }
            }
        }
        return new DowngradePlan(plan, callbacks);
    }
}
