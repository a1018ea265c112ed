package io.dbmigrate.cli;

import io.dbmigrate.engine.config.FlywayConfigLoader;
import io.dbmigrate.engine.config.LoadedConfiguration;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Flyway project's configuration as the Flyway command line reads it (a picocli mixin): flyway.toml (or flyway.conf)
 * in the working directory, FLYWAY_* variables over it, these options over both.
 */
final class FlywayConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", split = ",",
            description = "A Flyway config file (TOML, or a legacy .conf), read after flyway.toml and flyway.user.toml"
                    + " (or flyway.conf) of the working directory; repeatable, later files win.")
    private List<String> files = new ArrayList<>();

    @Option(names = "--placeholder", paramLabel = "KEY=VALUE",
            description = "A Flyway placeholder, $${KEY} in V and U scripts; repeatable. Wins over"
                    + " FLYWAY_PLACEHOLDERS_KEY and config files.")
    private Map<String, String> placeholders = new LinkedHashMap<>();

    @Option(names = "--working-directory", paramLabel = "DIR",
            description = "Run as if started in DIR: config files and relative locations are found there"
                    + " (default: the current directory).")
    private Path workingDirectory;

    /** The configuration, read from the files and the given environment; throws the engine's INVALID_INPUT error. */
    LoadedConfiguration load(Map<String, String> env) {
        return FlywayConfigLoader.load(workingDirectory(), files, env, placeholders);
    }

    Path workingDirectory() {
        return (workingDirectory == null ? Path.of("") : workingDirectory).toAbsolutePath().normalize();
    }
}
