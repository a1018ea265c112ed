package io.dbmigrate.engine.api;

/** Told about each migration as it finishes, so front ends can print progress while a run goes on. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (index, total, step) -> { };

    /**
     * @param index 1-based position of this migration in the run
     * @param total how many the run will apply or undo
     */
    void finished(int index, int total, MigrationStep step);
}
