package io.dbmigrate.engine.undo;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.parser.PlaceholderReplacingReader;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What an undo script sees of Flyway's world, so that it runs as the migration it reverses ran: Flyway's placeholders
 * (the configured ones and the built-in {@code ${flyway:defaultSchema}}, {@code user}, {@code database},
 * {@code timestamp}, {@code filename}, {@code workingDirectory}, {@code table}), replaced by Flyway's own reader, and
 * Flyway's {@code encoding} to read the script in.
 */
public record UndoEnvironment(String prefix, String suffix, String separator, boolean replace,
                              Map<String, String> placeholders, Charset encoding) {

    public UndoEnvironment {
        placeholders = Map.copyOf(placeholders);
    }

    private static final String PLACEHOLDERS = "flyway.placeholders.";

    /**
     * Flyway's settings and placeholders for this run, read from the Flyway properties the run passes on to Flyway
     * (as Flyway's ClassicConfiguration reads them, with its defaults), with the built-ins computed as Flyway's
     * ParsingContext does. Reading them needs no configured Flyway.
     */
    public static UndoEnvironment of(Map<String, String> flywayProperties, Map<String, String> builtIns) {
        Map<String, String> all = new HashMap<>();
        flywayProperties.forEach((key, value) -> {
            if (key.startsWith(PLACEHOLDERS) && key.length() > PLACEHOLDERS.length()) {
                all.put(key.substring(PLACEHOLDERS.length()), value);
            }
        });
        String separator = flywayProperties.getOrDefault("flyway.placeholderSeparator", ":");
        // built-ins win over configured placeholders of the same name, as in Flyway
        builtIns.forEach((name, value) -> all.put("flyway" + separator + name, value));
        String replacement = flywayProperties.get("flyway.placeholderReplacement");
        // encoding is not among the settings passed on to Flyway, so Flyway reads in its default, UTF-8
        return new UndoEnvironment(flywayProperties.getOrDefault("flyway.placeholderPrefix", "${"),
                flywayProperties.getOrDefault("flyway.placeholderSuffix", "}"), separator,
                replacement == null || Boolean.parseBoolean(replacement.trim()), all, StandardCharsets.UTF_8);
    }

    /** The script's text with its placeholders replaced; {@code fileName} is {@code ${flyway:filename}}. */
    public String apply(String fileName, String sql) {
        // Flyway's reader passes through every character that does not start the prefix: with no prefix in the text it
        // gives the text back as it is, so it is not worth building (a downgrade reads hundreds of scripts cold)
        if (!replace || !sql.contains(prefix)) {
            return sql;
        }
        Map<String, String> values = new HashMap<>(placeholders);
        values.put("flyway" + separator + "filename", fileName);
        try (Reader reader = new PlaceholderReplacingReader(prefix, suffix, separator, values, new StringReader(sql))) {
            StringWriter out = new StringWriter();
            reader.transferTo(out);
            return out.toString();
        } catch (IOException e) {
            throw new FlywayException("Cannot read " + fileName + ": " + e.getMessage(), e);
        }
    }
}
