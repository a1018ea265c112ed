package io.dbmigrate.engine;

import java.io.Serializable;

/**
 * One migration as a result reports it: applied or undone by this run, or listed by {@code info}.
 *
 * @param state      APPLIED or UNDONE for what this run did (repair: REMOVED, DELETED, ALIGNED); Flyway's state
 *                   name (Success, Pending, ...) for info
 * @param appliedAt  ISO-8601 instant it was applied, or empty
 * @param reversible whether an undo script exists for it
 * @param sql        the script's text, for a dry run; empty otherwise
 */
public record MigrationStep(String version, String description, String script, String state, long millis,
                            String appliedAt, boolean reversible, String sql) implements Serializable {
    public static final String APPLIED = "APPLIED";
    public static final String UNDONE = "UNDONE";
    /** In a dry run: would be applied or undone. */
    public static final String PLANNED = "PLANNED";
    /** repair: a failed row removed from the history. */
    public static final String REMOVED = "REMOVED";
    /** repair: an applied migration whose file is gone, marked deleted. */
    public static final String DELETED = "DELETED";
    /** repair: an applied row given its file's checksum, description and type. */
    public static final String ALIGNED = "ALIGNED";

    public MigrationStep {
        sql = sql == null ? "" : sql;
    }

    /** A step without SQL text: what every run but a dry run reports. */
    public MigrationStep(String version, String description, String script, String state, long millis,
                         String appliedAt, boolean reversible) {
        this(version, description, script, state, millis, appliedAt, reversible, "");
    }
}
