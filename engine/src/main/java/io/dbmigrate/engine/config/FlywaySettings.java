package io.dbmigrate.engine.config;

import io.dbmigrate.engine.error.CreateFailures;
import io.dbmigrate.engine.history.HistoryTable;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Flyway settings a run passes on to Flyway as they were configured (placeholders and the few others db-migrate
 * honours), in Flyway's own property names ({@code flyway.placeholders.tag}), and the warnings reading the
 * configuration gave. Never holds the URL, user or password: those go into the connection.
 *
 * @param properties Flyway properties to apply before db-migrate's own settings
 * @param warnings   what reading the configuration ignored, one sentence each, without values
 */
public record FlywaySettings(Map<String, String> properties, List<String> warnings) implements Serializable {
    public static final FlywaySettings NONE = new FlywaySettings(Map.of(), List.of());

    static final String DEFAULT_SCHEMA = "flyway.defaultSchema";
    static final String TABLE = "flyway.table";
    static final String BASELINE_VERSION = "flyway.baselineVersion";
    static final String BASELINE_DESCRIPTION = "flyway.baselineDescription";

    public FlywaySettings {
        // a TreeMap copy: serializable, and a stable order for anyone who prints the keys
        properties = properties == null ? Map.of() : new TreeMap<>(new HashMap<>(properties));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        String table = properties.get(TABLE);
        if (table != null && !table.equals(HistoryTable.NAME)) {
            throw CreateFailures.historyTableNotSupported(table);
        }
    }

    /** The schema that holds the history, when configured ({@code defaultSchema}); else empty. */
    public String defaultSchema() {
        return properties.getOrDefault(DEFAULT_SCHEMA, "");
    }

    /** The version {@code init} baselines a non-empty schema at when no revision is given ({@code baselineVersion}). */
    public String baselineVersion() {
        return properties.getOrDefault(BASELINE_VERSION, "");
    }

    /** The description of the baseline row, when configured ({@code baselineDescription}); else empty. */
    public String baselineDescription() {
        return properties.getOrDefault(BASELINE_DESCRIPTION, "");
    }
}
