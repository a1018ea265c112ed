package io.dbmigrate.engine;

import java.io.Serializable;

/**
 * One migration as a result reports it: applied or undone by this run, or listed by {@code info}.
 *
 * @param state      APPLIED or UNDONE for what this run did; Flyway's state name (Success, Pending, ...) for info
 * @param appliedAt  ISO-8601 instant it was applied, or empty
 * @param reversible whether an undo script exists for it
 */
public record MigrationStep(String version, String description, String script, String state, long millis,
                            String appliedAt, boolean reversible) implements Serializable {
    public static final String APPLIED = "APPLIED";
    public static final String UNDONE = "UNDONE";
}
