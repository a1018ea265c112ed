package io.dbmigrate.engine.config;

import io.dbmigrate.engine.connection.ConfiguredConnection;
import io.dbmigrate.engine.connection.Secret;
import io.dbmigrate.engine.error.CreateFailures;
import io.dbmigrate.engine.error.Warnings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.configuration.ConfigUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a Flyway project's configuration as the Flyway command line does (ConfigurationManagerImpl and its two
 * managers in flyway-commandline): config files, then FLYWAY_* environment variables over them, then the command
 * line over both.
 * <ul>
 *   <li>Files: {@code flyway.toml} and {@code flyway.user.toml} in the working directory, then FLYWAY_CONFIG_FILES,
 *   then the files given ({@code --config}), later ones winning. Without a TOML file, {@code flyway.conf} and the
 *   given {@code .conf} files instead; TOML and .conf files given together are refused, as Flyway refuses them.</li>
 *   <li>TOML: {@code [flyway]}, then the environment {@code flyway.environment} names (default {@code default}):
 *   its url, user, password, schemas, jdbcProperties, and its {@code [environments.<name>.flyway]} overrides.</li>
 *   <li>Environment: Flyway's own names ({@code FLYWAY_PLACEHOLDERS_TAG} is {@code flyway.placeholders.tag}).</li>
 * </ul>
 * Every setting read but not used becomes a warning naming it, never its value.
 */
public final class FlywayConfigLoader {
    private static final String DEFAULT_ENVIRONMENT = "default";
    private static final String ENVIRONMENTS = "environments.";
    private static final List<String> DEFAULT_TOML = List.of("flyway.toml", "flyway.user.toml");
    private static final String DEFAULT_CONF = "flyway.conf";

    private final Path workingDirectory;
    private final Map<String, String> env;
    private final List<String> warnings = new ArrayList<>();

    private FlywayConfigLoader(Path workingDirectory, Map<String, String> env) {
        this.workingDirectory = workingDirectory;
        this.env = env;
    }

    /**
     * @param workingDirectory where default files are looked for and relative file names resolve
     * @param configFiles      files given on the command line, in order
     * @param env              the environment (FLYWAY_* variables, and values for {@code ${env.NAME}})
     * @param placeholders     placeholders given on the command line
     */
    public static LoadedConfiguration load(Path workingDirectory, List<String> configFiles, Map<String, String> env,
                                           Map<String, String> placeholders) {
        return new FlywayConfigLoader(workingDirectory, env).load(configFiles, placeholders);
    }

    private LoadedConfiguration load(List<String> configFiles, Map<String, String> placeholders) {
        Map<String, Setting> files = readFiles(configFiles);
        Map<String, Setting> environment = environmentVariables();
        Map<String, Setting> commandLine = new LinkedHashMap<>();
        placeholders.forEach((k, v) -> commandLine.put(FlywayKeys.PLACEHOLDERS + k, new Setting(v, "--placeholder")));

        String name = environmentName(files, environment);
        Map<String, Setting> merged = new LinkedHashMap<>(select(files, name));
        merged.putAll(select(environment, name));
        merged.putAll(commandLine);
        return classify(merged);
    }

    // --- files ----------------------------------------------------------------------------------

    private Map<String, Setting> readFiles(List<String> given) {
        List<String> explicit = new ArrayList<>();
        String fromEnv = env.getOrDefault("FLYWAY_CONFIG_FILES", "");
        Arrays.stream(fromEnv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(explicit::add);
        explicit.addAll(given);
        for (String file : explicit) {
            if (!Files.isRegularFile(resolve(file))) {
                throw CreateFailures.configFileMissing(file);
            }
        }
        List<String> toml = explicit.stream().filter(ConfigFile::isToml).toList();
        List<String> conf = explicit.stream().filter(f -> !ConfigFile.isToml(f)).toList();
        if (!toml.isEmpty() && !conf.isEmpty()) {
            throw CreateFailures.tomlAndConfTogether(toml, conf);
        }
        List<String> defaultToml = DEFAULT_TOML.stream().filter(f -> Files.isRegularFile(resolve(f))).toList();
        boolean defaultConf = Files.isRegularFile(resolve(DEFAULT_CONF));
        List<String> read = new ArrayList<>();
        if (!toml.isEmpty() || (conf.isEmpty() && !defaultToml.isEmpty())) {
            read.addAll(defaultToml);
            read.addAll(toml);
            if (defaultConf) {
                warnings.add(Warnings.confNotRead(DEFAULT_CONF, read.get(0)));
            }
        } else {
            if (defaultConf) {
                read.add(DEFAULT_CONF);
            }
            read.addAll(conf);
            defaultToml.forEach(file -> warnings.add(Warnings.confNotRead(file, conf.get(0))));
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (String file : read) {
            ConfigFile config = ConfigFile.read(resolve(file), file, env);
            settings.putAll(config.settings());
            warnings.addAll(config.warnings());
        }
        return settings;
    }

    private Path resolve(String file) {
        return workingDirectory.resolve(file);
    }

    // --- environment variables ------------------------------------------------------------------

    /** FLYWAY_* by Flyway's own conversion, and flyway_x / environments_x_y as Flyway's TOML mode reads them. */
    private Map<String, Setting> environmentVariables() {
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
            String name = variable.getKey();
            String origin = "environment variable " + name;
            if (name.startsWith("FLYWAY_")) {
                String key = ConfigUtils.convertKey(name);
                if (key == null) {
                    warnings.add(Warnings.unknownSetting(name, "the environment"));
                } else if (!key.equals(FlywayKeys.CONFIG_FILES)) {
                    settings.put(key, new Setting(variable.getValue(), origin));
                }
            } else if (name.startsWith("flyway_") || name.startsWith("environments_")) {
                settings.put(name.replace('_', '.'), new Setting(variable.getValue(), origin));
            }
        }
        return settings;
    }

    // --- environments ---------------------------------------------------------------------------

    private static String environmentName(Map<String, Setting> files, Map<String, Setting> environment) {
        Setting chosen = environment.getOrDefault(FlywayKeys.ENVIRONMENT, files.get(FlywayKeys.ENVIRONMENT));
        String name = chosen == null || chosen.value().isBlank() ? DEFAULT_ENVIRONMENT : chosen.value().trim();
        boolean defined = files.keySet().stream()
                .anyMatch(k -> k.equals(ENVIRONMENTS + name) || k.startsWith(ENVIRONMENTS + name + "."));
        if (!defined && !name.equals(DEFAULT_ENVIRONMENT)) {
            throw CreateFailures.environmentNotFound(name);
        }
        return name;
    }

    /**
     * The settings of one layer as Flyway applies them: the chosen environment's url, schemas, ... as flyway.x,
     * and its own flyway.x over the [flyway] ones; other environments are left out.
     */
    private static Map<String, Setting> select(Map<String, Setting> layer, String environment) {
        String prefix = ENVIRONMENTS + environment + ".";
        Map<String, Setting> result = new LinkedHashMap<>();
        layer.forEach((key, setting) -> {
            if (!key.startsWith(ENVIRONMENTS)) {
                result.put(key, setting);
            }
        });
        layer.forEach((key, setting) -> {
            if (key.startsWith(prefix)) {
                String field = key.substring(prefix.length());
                String first = field.split("\\.", 2)[0];
                if (field.startsWith(FlywayKeys.PREFIX)) {
                    result.put(field, setting);
                } else if (FlywayKeys.ENVIRONMENT_AS_FLYWAY.contains(first)) {
                    result.put(FlywayKeys.PREFIX + field, setting);
                } else {
                    result.put(key, setting);
                }
            }
        });
        return result;
    }

    // --- what is used -------------------------------------------------------------------------

    private LoadedConfiguration classify(Map<String, Setting> merged) {
        Map<String, String> passedOn = new HashMap<>();
        List<String> locations = List.of();
        List<String> schemas = List.of();
        for (Map.Entry<String, Setting> entry : new TreeMap<>(merged).entrySet()) {
            String key = entry.getKey();
            Setting setting = entry.getValue();
            if (key.startsWith(FlywayKeys.PLACEHOLDERS) || FlywayKeys.PASSED_ON.contains(key)) {
                passedOn.put(key, setting.value());
            } else if (key.equals(FlywayKeys.LOCATIONS)) {
                locations = list(setting.value());
            } else if (key.equals(FlywayKeys.SCHEMAS)) {
                schemas = list(setting.value());
            } else if (key.equals(FlywayKeys.URL) || key.equals(FlywayKeys.USER) || key.equals(FlywayKeys.PASSWORD)
                    || key.equals(FlywayKeys.ENVIRONMENT)) {
                continue; // the connection, below; the environment was chosen already
            } else if (FlywayKeys.knownToFlyway(key)) {
                warnings.add(Warnings.settingNotUsed(key, setting.origin()));
            } else {
                warnings.add(Warnings.unknownSetting(key, setting.origin()));
            }
        }
        check(passedOn);
        Setting url = merged.get(FlywayKeys.URL);
        ConfiguredConnection connection = new ConfiguredConnection(value(url), value(merged.get(FlywayKeys.USER)),
                Secret.of(value(merged.get(FlywayKeys.PASSWORD))), url == null ? "" : url.origin());
        return new LoadedConfiguration(new FlywaySettings(passedOn, warnings), locations, schemas, connection);
    }

    /** Flyway parses the values it is given (true/false, numbers): its complaint, before anything connects. */
    private static void check(Map<String, String> passedOn) {
        if (passedOn.isEmpty()) {
            return;
        }
        try {
            Flyway.configure(FlywayConfigLoader.class.getClassLoader()).configuration(passedOn);
        } catch (FlywayException e) {
            throw CreateFailures.invalidFlywaySetting(e.getMessage());
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String value(Setting setting) {
        return setting == null ? "" : setting.value();
    }
}
