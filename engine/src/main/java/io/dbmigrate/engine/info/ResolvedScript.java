package io.dbmigrate.engine.info;

import org.flywaydb.core.api.MigrationVersion;

import java.util.Objects;

/**
 * A SQL migration found in the locations, as Flyway's SqlMigrationResolver describes it.
 *
 * @param version            null for a repeatable migration
 * @param script             the path below its location, with slashes (what the history's {@code script} holds)
 * @param checksum           Flyway's checksum (of the text with placeholders replaced, for a repeatable one)
 * @param equivalentChecksum a repeatable one's checksum of the text as it is; null for a versioned one
 * @param physicalLocation   the file's absolute path
 */
record ResolvedScript(MigrationVersion version, String description, String script, int checksum,
                      Integer equivalentChecksum, String physicalLocation) {

    boolean checksumMatches(Integer applied) {
        return Objects.equals(applied, checksum)
                || (equivalentChecksum != null && Objects.equals(applied, equivalentChecksum));
    }
}
