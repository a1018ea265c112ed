package io.jenkins.plugins.dbmigrate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.BuildBadgeAction;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.dbmigrate.engine.step.BuildBadge;
import java.io.IOException;
import java.util.ArrayList;

/**
 * One database's {@link BuildBadge} on a build: the badge in the build history, its row on the build page, and
 * {@code DB_MIGRATE_REVISION} / {@code DB_MIGRATE_PREVIOUS_REVISION} for later stages. Stored in build.xml as
 * plain strings (no secret is among them); the engine's record decides every text from them.
 */
public final class DbMigrateAction implements BuildBadgeAction, EnvironmentContributingAction {
    private final String database;
    private final String label;
    private final String revision;
    private final String previousRevision;
    private final ArrayList<String> actions;
    private final ArrayList<String> lines;
    private final boolean failed;

    DbMigrateAction(BuildBadge badge) {
        this.database = badge.database();
        this.label = badge.label();
        this.revision = badge.revision();
        this.previousRevision = badge.previousRevision();
        this.actions = new ArrayList<>(badge.actions());
        this.lines = new ArrayList<>(badge.lines());
        this.failed = badge.failed();
    }

    /**
     * Merges into this database's badge from an earlier step of the build, or adds one; the result goes last, so
     * the environment shows the database changed most recently. Saves the build.
     */
    static synchronized void record(Run<?, ?> run, BuildBadge badge) throws IOException {
        BuildBadge merged = badge;
        for (DbMigrateAction old : run.getActions(DbMigrateAction.class)) {
            if (old.database.equals(badge.database())) {
                merged = old.getBadge().merge(badge);
                run.removeAction(old);
            }
        }
        run.addAction(new DbMigrateAction(merged));
        run.save();
    }

    /** Everything the views show comes from here ({@code it.badge.text()} etc.), so the engine words it all. */
    public BuildBadge getBadge() {
        return new BuildBadge(database, label, revision, previousRevision, actions, lines, failed);
    }

    @Override
    public void buildEnvironment(@NonNull Run<?, ?> build, @NonNull EnvVars env) {
        env.putAll(getBadge().environment());
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
