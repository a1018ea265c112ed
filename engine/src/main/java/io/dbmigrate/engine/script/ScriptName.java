package io.dbmigrate.engine.script;

import org.flywaydb.core.api.MigrationVersion;

/**
 * A script's file name that Flyway finds valid, split as its ResourceNameParser splits it ({@link ScriptNames}).
 *
 * @param prefix      V, U, R, B or a callback event
 * @param version     what comes before the first separator; {@link MigrationVersion#EMPTY} for an R script or a
 *                    callback, which must have none
 * @param description what comes after it, underscores read as spaces
 */
public record ScriptName(String prefix, MigrationVersion version, String description) {
    public boolean isVersioned() {
        return prefix.equals(ScriptNames.VERSIONED);
    }

    public boolean isUndo() {
        return prefix.equals(ScriptNames.UNDO);
    }

    public boolean isRepeatable() {
        return prefix.equals(ScriptNames.REPEATABLE);
    }

    /** A B script: Flyway 13 reads it as a SQL baseline migration. */
    public boolean isBaseline() {
        return prefix.equals(ScriptNames.BASELINE);
    }

    /** A V, U or R script: a migration or an undo script, not a baseline or a callback. */
    public boolean isScript() {
        return isVersioned() || isUndo() || isRepeatable();
    }
}
