package io.dbmigrate.engine.api;

import java.io.Serializable;

/**
 * One migration as a result reports it: applied or undone by this run, or listed by {@code info}.
 *
 * @param state      what this run did to it (APPLIED, UNDONE, ...), or Flyway's state for info
 * @param appliedAt  ISO-8601 instant it was applied, or empty
 * @param reversible whether an undo script exists for it
 * @param sql        the script's text, for a dry run; empty otherwise
 */
public record MigrationStep(String version, String description, String script, StepState state, long millis,
                            String appliedAt, boolean reversible, String sql) implements Serializable {
    public MigrationStep {
        sql = sql == null ? "" : sql;
    }

    /** A step without SQL text: what every run but a dry run reports. */
    public MigrationStep(String version, String description, String script, StepState state, long millis,
                         String appliedAt, boolean reversible) {
        this(version, description, script, state, millis, appliedAt, reversible, "");
    }
}
