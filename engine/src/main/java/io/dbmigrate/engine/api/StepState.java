package io.dbmigrate.engine.api;

import java.util.Arrays;

/**
 * The state a result gives a migration: what this run did to it, or, for {@code info}, Flyway's state. Results,
 * JSON and the step's map print {@link #label()}.
 */
public enum StepState {
    /** Applied by this run. */
    APPLIED("APPLIED"),
    /** Undone by this run. */
    UNDONE("UNDONE"),
    /** In a dry run: would be applied, undone or written. */
    PLANNED("PLANNED"),
    /** create: the file was written. */
    CREATED("CREATED"),
    /** create --undo: no undo script could be proven; the warnings say why. */
    IRREVERSIBLE("IRREVERSIBLE"),
    /** repair: a failed row removed from the history. */
    REMOVED("REMOVED"),
    /** repair: an applied migration whose file is gone, marked deleted. */
    DELETED("DELETED"),
    /** repair: an applied row given its file's checksum, description and type. */
    ALIGNED("ALIGNED"),

    // Flyway's MigrationState, by its display name, as info lists it
    PENDING("Pending"),
    ABOVE_TARGET("Above Target"),
    BELOW_BASELINE("Below Baseline"),
    BASELINE_IGNORED("Ignored (Baseline)"),
    BASELINE("Baseline"),
    IGNORED("Ignored"),
    MISSING("Missing"),
    MISSING_FAILED("Failed (Missing)"),
    SUCCESS("Success"),
    /** Flyway's "Undone" (a paid-edition undo in the history), not this run's {@link #UNDONE}. */
    HISTORY_UNDONE("Undone"),
    AVAILABLE("Available"),
    FAILED("Failed"),
    OUT_OF_ORDER("Out of Order"),
    FUTURE("Future"),
    FUTURE_FAILED("Failed (Future)"),
    OUTDATED("Outdated"),
    SUPERSEDED("Superseded"),
    /** Flyway's "Deleted" (repair marked the row deleted), not repair's {@link #DELETED} in this run. */
    HISTORY_DELETED("Deleted");

    private static final int FIRST_FLYWAY = PENDING.ordinal();

    private final String label;

    StepState(String label) {
        this.label = label;
    }

    /** The text results print. */
    public String label() {
        return label;
    }

    /** Flyway's state by its display name ({@code MigrationState.getDisplayName()}). */
    public static StepState ofFlyway(String displayName) {
        return Arrays.stream(values()).filter(s -> s.ordinal() >= FIRST_FLYWAY && s.label.equals(displayName))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown Flyway state " + displayName));
    }

    @Override
    public String toString() {
        return label;
    }
}
