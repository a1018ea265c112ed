package io.jenkins.plugins.dbmigrate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.BuildBadgeAction;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.dbmigrate.engine.step.StepOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * One database's revision on a build: the badge in the build history, the summary on the build page, and
 * {@code DB_MIGRATE_REVISION} / {@code DB_MIGRATE_PREVIOUS_REVISION} for later stages. Stored in build.xml,
 * so it holds only the non-secret strings {@link StepOutcome} produced.
 */
public final class DbMigrateAction implements BuildBadgeAction, RunAction2, EnvironmentContributingAction {
    private final String database;
    private final String revision;
    private final String previousRevision;
    private final String badgeText;
    private final String tooltip;
    private final ArrayList<String> lines;

    DbMigrateAction(StepOutcome outcome) {
        this.database = outcome.database();
        this.revision = outcome.result().currentRevision();
        this.previousRevision = outcome.result().previousRevision();
        this.badgeText = outcome.badgeText();
        this.tooltip = outcome.tooltip();
        this.lines = new ArrayList<>(outcome.summaryLines());
    }

    /** Replaces this database's badge from an earlier step of the same build, and saves the build. */
    static void record(Run<?, ?> run, StepOutcome outcome) throws IOException {
        for (DbMigrateAction old : run.getActions(DbMigrateAction.class)) {
            if (old.database.equals(outcome.database())) {
                run.removeAction(old);
            }
        }
        run.addAction(new DbMigrateAction(outcome));
        run.save();
    }

    public String getDatabase() {
        return database;
    }

    public String getRevision() {
        return revision;
    }

    public String getPreviousRevision() {
        return previousRevision;
    }

    public String getBadgeText() {
        return badgeText;
    }

    public String getTooltip() {
        return tooltip;
    }

    public List<String> getLines() {
        return List.copyOf(lines);
    }

    @Override
    public void buildEnvironment(@NonNull Run<?, ?> build, @NonNull EnvVars env) {
        env.putAll(StepOutcome.environment(revision, previousRevision));
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        // everything shown is stored in this action; nothing to take from the run
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        // as onAttached
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "db-migrate " + database;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
