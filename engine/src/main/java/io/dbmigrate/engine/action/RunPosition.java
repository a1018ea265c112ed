package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.revision.Revisions;
import org.flywaydb.core.api.MigrationVersion;

import java.sql.SQLException;

/**
 * Where a run starts and the revision it aims at, as its result shows them. An action knows both once it has read
 * the catalog and resolved its target; what fails after that still reports them ({@link #run}). Before that a
 * failure reports neither: {@link #UNKNOWN}.
 */
public record RunPosition(String from, String to) {
    public static final RunPosition UNKNOWN = new RunPosition("", "");

    public static RunPosition of(String from, MigrationVersion target) {
        return new RunPosition(from, Revisions.display(target));
    }

    /** The rest of an action, from the point where it knows its position. */
    @FunctionalInterface
    interface Rest {
        MigrationResult run() throws SQLException;
    }

    /** Runs the rest of an action: whatever fails in it fails at this position. */
    MigrationResult run(Rest rest) {
        try {
            return rest.run();
        } catch (SQLException | RuntimeException e) {
            throw new PositionedFailure(this, e);
        }
    }
}
