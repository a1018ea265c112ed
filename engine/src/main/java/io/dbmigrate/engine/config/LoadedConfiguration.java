package io.dbmigrate.engine.config;

import io.dbmigrate.engine.connection.ConfiguredConnection;

import java.util.List;

/**
 * A Flyway configuration as read from its files, FLYWAY_* variables and command-line placeholders, in Flyway's order.
 *
 * @param settings   what goes to Flyway as configured, with the warnings
 * @param locations  {@code locations}, when configured; else empty
 * @param schemas    {@code schemas}, when configured; else empty
 * @param connection the configured URL, user and password (the last fallback of each)
 */
public record LoadedConfiguration(FlywaySettings settings, List<String> locations, List<String> schemas,
                                  ConfiguredConnection connection) {
    public static final LoadedConfiguration NONE =
            new LoadedConfiguration(FlywaySettings.NONE, List.of(), List.of(), ConfiguredConnection.NONE);

    public LoadedConfiguration {
        locations = List.copyOf(locations);
        schemas = List.copyOf(schemas);
    }
}
