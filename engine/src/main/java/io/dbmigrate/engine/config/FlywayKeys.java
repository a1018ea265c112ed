package io.dbmigrate.engine.config;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.extensibility.ConfigurationExtension;
import org.flywaydb.core.internal.configuration.ConfigUtils;
import org.flywaydb.core.internal.configuration.models.EnvironmentModel;
import org.flywaydb.core.internal.configuration.models.FlywayModel;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

/**
 * Which Flyway settings db-migrate honours, and which ones Flyway knows at all, read from Flyway's own classes
 * (ConfigUtils' property names, the fields of its TOML models, its plugins' namespaces) rather than copied.
 */
final class FlywayKeys {
    static final String PREFIX = "flyway.";
    static final String PLACEHOLDERS = "flyway.placeholders.";
    static final String URL = "flyway.url";
    static final String USER = "flyway.user";
    static final String PASSWORD = "flyway.password";
    static final String LOCATIONS = "flyway.locations";
    static final String SCHEMAS = "flyway.schemas";
    static final String ENVIRONMENT = "flyway.environment";
    static final String CONFIG_FILES = "flyway.configFiles";

    /**
     * Passed on to Flyway as they are: each works the same for Flyway's migrations and our undo scripts, or touches
     * Flyway alone (outOfOrder: a downgrade undoes in the order the history says migrations were applied).
     */
    static final Set<String> PASSED_ON = Set.of("flyway.placeholderPrefix", "flyway.placeholderSuffix",
            "flyway.placeholderSeparator", "flyway.placeholderReplacement", FlywaySettings.DEFAULT_SCHEMA,
            FlywaySettings.TABLE, "flyway.validateMigrationNaming", "flyway.installedBy", "flyway.connectRetries",
            "flyway.connectRetriesInterval", "flyway.outOfOrder", FlywaySettings.BASELINE_VERSION,
            FlywaySettings.BASELINE_DESCRIPTION);

    /** Settings of an environment that Flyway's legacy properties hold as flyway.&lt;name&gt;. */
    static final Set<String> ENVIRONMENT_AS_FLYWAY = Set.of("url", "user", "password", "driver", "schemas",
            "connectRetries", "connectRetriesInterval", "initSql", "jdbcProperties");

    private static final Set<String> ENVIRONMENT_FIELDS = fieldNames(EnvironmentModel.class);

    private FlywayKeys() {
    }

    /** An [environments.x] setting (url, schemas, jdbcProperties, ...), which a TOML file's [flyway] table cannot hold. */
    static boolean isEnvironmentField(String name) {
        return ENVIRONMENT_FIELDS.contains(name) && !name.equals("flyway");
    }

    /** Whether Flyway knows this setting, in its property form (flyway.x) or as environments.&lt;name&gt;.x. */
    static boolean knownToFlyway(String key) {
        if (key.startsWith(PLACEHOLDERS) || key.startsWith("flyway.jdbcProperties.")) {
            return true;
        }
        if (key.startsWith("environments.")) {
            String[] parts = key.split("\\.", 4);
            return parts.length >= 3 && ENVIRONMENT_FIELDS.contains(parts[2]);
        }
        if (Known.KEYS.contains(key)) {
            return true;
        }
        // a plugin's namespace: flyway.postgresql.transactional.lock
        String[] parts = key.split("\\.");
        return parts.length > 2 && Known.KEYS.contains(PREFIX + parts[1] + ".*");
    }

    /** Loaded on first use only: finding Flyway's plugins costs time that a run without stray settings need not pay. */
    private static final class Known {
        static final Set<String> KEYS = known();
    }

    private static Set<String> known() {
        Set<String> keys = new HashSet<>();
        for (Field field : ConfigUtils.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    String value = (String) field.get(null);
                    if (value != null && value.startsWith(PREFIX)) {
                        keys.add(value);
                    }
                } catch (IllegalAccessException e) {
                    // a public constant is readable; nothing to add otherwise
                }
            }
        }
        fieldNames(FlywayModel.class).forEach(name -> keys.add(PREFIX + name));
        for (ConfigurationExtension extension : Flyway.configure(FlywayKeys.class.getClassLoader()).getPluginRegister()
                .getInstancesOf(ConfigurationExtension.class)) {
            if (!extension.getNamespace().isEmpty()) {
                keys.add(PREFIX + extension.getNamespace() + ".*");
            }
        }
        return Set.copyOf(keys);
    }

    private static Set<String> fieldNames(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    names.add(field.getName());
                }
            }
        }
        return Set.copyOf(names);
    }
}
