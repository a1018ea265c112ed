package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.api.ProgressListener;
import io.dbmigrate.engine.api.StepState;
import io.dbmigrate.engine.undo.ScriptLocations;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.util.ArrayList;
import java.util.List;

/** Times each migration Flyway applies, reports it to the listener and keeps it for the result. */
final class ProgressCallback implements Callback {
    private final int total;
    private final ProgressListener listener;
    private final ScriptLocations locations;
    private final List<MigrationStep> applied = new ArrayList<>();
    private long startedAt;

    ProgressCallback(int total, ProgressListener listener, ScriptLocations locations) {
        this.total = total;
        this.listener = listener;
        this.locations = locations;
    }

    List<MigrationStep> applied() {
        return List.copyOf(applied);
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_EACH_MIGRATE) {
            startedAt = System.nanoTime();
            return;
        }
        MigrationInfo info = context.getMigrationInfo();
        if (info == null) {
            return;
        }
        // a repeatable migration has no version and no undo script: a downgrade marks it to be re-applied instead
        boolean repeatable = info.getVersion() == null;
        MigrationStep step = new MigrationStep(repeatable ? "" : info.getVersion().getVersion(), info.getDescription(),
                info.getScript(), StepState.APPLIED, (System.nanoTime() - startedAt) / 1_000_000, "",
                !repeatable && locations.undoScript(info.getVersion()).isPresent());
        applied.add(step);
        listener.finished(applied.size(), total, step);
    }

    @Override
    public String getCallbackName() {
        return "db-migrate progress";
    }
}
