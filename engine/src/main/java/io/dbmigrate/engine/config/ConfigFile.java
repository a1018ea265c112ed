package io.dbmigrate.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.dbmigrate.engine.error.CreateFailures;
import io.dbmigrate.engine.error.Warnings;
import org.flywaydb.core.internal.configuration.ConfigUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Flyway config file read into flat settings: {@code flyway.x}, {@code flyway.placeholders.x},
 * {@code environments.<name>.x}, as Flyway's legacy properties name them. A {@code .toml} file is read as Flyway 10+
 * reads it ({@code [flyway]}, {@code [environments.<name>]}, {@code ${env.NAME}} from the environment); any other
 * file as a legacy {@code flyway.conf}, by Flyway's own reader, with {@code ${NAME}} from the environment.
 */
final class ConfigFile {
    private static final Pattern TOML_ENV = Pattern.compile("\\$\\{env\\.([A-Za-z0-9_]+)}");
    // as Flyway's ConfigUtils.expandEnvironmentVariables
    private static final Pattern CONF_ENV = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private final String name;
    private final Map<String, String> env;
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private ConfigFile(String name, Map<String, String> env) {
        this.name = name;
        this.env = env;
    }

    static boolean isToml(String file) {
        return file.endsWith(".toml");
    }

    /** Reads {@code path}; {@code name} is how messages call it (as the user wrote it). */
    static ConfigFile read(Path path, String name, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CreateFailures.configFileUnreadable(name);
        }
        ConfigFile file = new ConfigFile(name, env);
        if (isToml(name)) {
            file.new Toml().read(text);
        } else {
            file.readConf(text);
        }
        return file;
    }

    Map<String, Setting> settings() {
        return settings;
    }

    List<String> warnings() {
        return warnings;
    }

    /**
     * Reading a TOML file: Jackson's classes load only for a run that has one (most runs read no file, or a .conf).
     */
    private final class Toml {
        private static final TomlMapper MAPPER = new TomlMapper();

        void read(String text) {
            JsonNode root;
            try {
                root = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                // the position only: the parser's own text may quote the line, and the line may hold a password
                throw CreateFailures.configFileNotToml(name,
                        e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                        e.getLocation() == null ? 0 : e.getLocation().getColumnNr());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                switch (field.getKey()) {
                    case "flyway" -> readFlywayTable(field.getValue());
                    case "environments" -> field.getValue().fields().forEachRemaining(env -> {
                        // the name alone too: an environment with nothing in it still exists for flyway.environment
                        settings.put("environments." + env.getKey(), new Setting("", name));
                        put("environments." + env.getKey(), env.getValue());
                    });
                    default -> warnings.add(Warnings.settingNotUsed(field.getKey(), name));
                }
            }
        }

        /** [flyway]: an environment's settings (url, schemas, ...) cannot be there in Flyway's TOML, so they are not read. */
        private void readFlywayTable(JsonNode table) {
            for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = FlywayKeys.PREFIX + field.getKey();
                if (FlywayKeys.isEnvironmentField(field.getKey())) {
                    warnings.add(Warnings.settingBelongsInEnvironment(key, name));
                } else {
                    put(key, field.getValue());
                }
            }
        }

        private void put(String key, JsonNode value) {
            if (value.isObject()) {
                value.fields().forEachRemaining(field -> put(key + "." + field.getKey(), field.getValue()));
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(expand(TOML_ENV, item.asText())));
                settings.put(key, new Setting(String.join(",", items), name));
            } else {
                settings.put(key, new Setting(expand(TOML_ENV, value.asText()), name));
            }
        }
    }

    private void readConf(String text) {
        Map<String, String> properties;
        try {
            properties = ConfigUtils.loadConfigurationFromString(expand(CONF_ENV, text), true);
        } catch (IOException | RuntimeException e) {
            throw CreateFailures.configFileUnreadable(name);
        }
        properties.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(p -> settings.put(p.getKey(), new Setting(p.getValue(), name)));
    }

    /** Environment variables in values, from the given environment (not the process's): unset ones become empty. */
    private String expand(Pattern pattern, String value) {
        Matcher m = pattern.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
