package io.dbmigrate.engine.info;

import java.util.Map;

/**
 * The settings of a run that change what Flyway's info shows, as db-migrate configures Flyway (Session): only
 * these Flyway settings reach Flyway at all (FlywayKeys.PASSED_ON), and prefixes, separator and suffix stay Flyway's
 * defaults.
 *
 * @param outOfOrder         a version below the current one is pending, not ignored
 * @param repeatablesHidden  R scripts are not read (verify hides them from Flyway)
 */
public record InfoSettings(boolean outOfOrder, boolean repeatablesHidden, boolean placeholderReplacement,
                           String placeholderPrefix, boolean validateMigrationNaming) {

    /** From the Flyway properties a run passes on, in Flyway's names, and the run's own out-of-order switch. */
    public static InfoSettings of(Map<String, String> flywayProperties, boolean outOfOrder, boolean repeatablesHidden) {
        return new InfoSettings(outOfOrder || flag(flywayProperties, "flyway.outOfOrder", false), repeatablesHidden,
                flag(flywayProperties, "flyway.placeholderReplacement", true),
                flywayProperties.getOrDefault("flyway.placeholderPrefix", "${"),
                flag(flywayProperties, "flyway.validateMigrationNaming", false));
    }

    private static boolean flag(Map<String, String> properties, String key, boolean otherwise) {
        String value = properties.get(key);
        return value == null ? otherwise : Boolean.parseBoolean(value.trim());
    }
}
