package io.dbmigrate.engine.script;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reading of script file names, as Flyway 13 reads them (its Scanner, ResourceNameParser and
 * ResourceNameValidator) with its default prefixes, separator and suffix, which db-migrate never changes (no such
 * setting is passed on to Flyway): {@code V<version>[__<description>].sql} (a migration),
 * {@code U<version>[__<description>].sql} (its undo script, read as its V is), {@code R__<description>.sql} (a
 * repeatable migration), {@code B<version>[__<description>].sql} (a baseline migration),
 * {@code <event>[__<description>].sql} (a SQL callback). The suffix is matched in any case ({@code V3__x.SQL}), and
 * the description may be left out ({@code V2.sql}).
 */
public final class ScriptNames {
    public static final String VERSIONED = "V";
    public static final String UNDO = "U";
    public static final String REPEATABLE = "R";
    public static final String BASELINE = "B";
    public static final String SEPARATOR = "__";
    public static final String SUFFIX = ".sql";

    /** Flyway's prefixes, longest first as its parser tries them (callback events, V, R, B), and U. */
    private static final List<String> PREFIXES = prefixes();
    /** A SQL callback without its suffix: an event, maybe {@code __description} (Flyway's SqlScriptCallbackFactory). */
    private static final Pattern CALLBACK = Pattern.compile("([A-Za-z]+)(?:" + SEPARATOR + ".+)?");

    private ScriptNames() {
    }

    /** The name, when Flyway's scanner offers {@code fileName} and its parser finds it valid (a U read as a V). */
    public static Optional<ScriptName> read(String fileName) {
        return parse(fileName).filter(name -> offered(fileName, name.prefix()));
    }

    /** The name, when {@code fileName} names a V or U script. V2 and V2.0 give one version, as Flyway counts them. */
    public static Optional<ScriptName> versioned(String fileName) {
        return read(fileName).filter(name -> name.isVersioned() || name.isUndo());
    }

    /** The version an undo script undoes, when {@code fileName} names one. */
    public static Optional<MigrationVersion> undoVersion(String fileName) {
        return read(fileName).filter(ScriptName::isUndo).map(ScriptName::version);
    }

    /** Whether {@code fileName} names a V, U or R script. */
    public static boolean isScript(String fileName) {
        return read(fileName).filter(ScriptName::isScript).isPresent();
    }

    /** Whether {@code fileName} ends in Flyway's SQL suffix, in any case. */
    public static boolean isSql(String fileName) {
        return endsWithSuffix(fileName);
    }

    /**
     * Flyway's Scanner.getResources(prefix, ".sql"): the name starts with {@code prefix}, ends in the suffix in any
     * case, and has something between.
     */
    public static boolean offered(String fileName, String prefix) {
        return fileName.startsWith(prefix) && endsWithSuffix(fileName)
                && fileName.length() > (prefix + SUFFIX).length();
    }

    /**
     * Whether Flyway's ResourceNameValidator ({@code validateMigrationNaming}) accepts the name of a {@code .sql} file:
     * a migration's, an undo script's (a prefix of Flyway's through {@link UndoScriptNames}) or a callback's.
     */
    public static boolean validForFlyway(String fileName) {
        return parse(fileName).isPresent();
    }

    /** A script's file name: {@code fileName("V", "3", "add_index")} is {@code V3__add_index.sql}. */
    public static String fileName(String prefix, String version, String description) {
        return prefix + version + SEPARATOR + description + SUFFIX;
    }

    /** The name of a V script's undo script, U for V: {@code V3__add_index.sql} gives {@code U3__add_index.sql}. */
    public static String undoNameOf(String versionedFileName) {
        return UNDO + versionedFileName.substring(VERSIONED.length());
    }

    /** The event a file would be the SQL callback of ({@code beforeUndo__log.sql}: beforeUndo), known or not. */
    public static Optional<String> callbackEvent(String fileName) {
        if (!endsWithSuffix(fileName)) {
            return Optional.empty();
        }
        Matcher m = CALLBACK.matcher(withoutSuffix(fileName));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Flyway's ResourceNameParser: the suffix stripped when there is one, the longest prefix the rest starts with,
     * then split at the first separator; empty for a name it finds invalid. Everything before the separator is the
     * version ({@code V1_x.sql} has none that reads), which a V, U or B name must have and no other may.
     */
    private static Optional<ScriptName> parse(String fileName) {
        String base = endsWithSuffix(fileName) ? withoutSuffix(fileName) : fileName;
        String prefix = longestPrefix(base);
        if (prefix == null) {
            return Optional.empty();
        }
        String name = base.substring(prefix.length());
        int at = name.indexOf(SEPARATOR);
        String left = at >= 0 ? name.substring(0, at) : name;
        String description = (at >= 0 ? name.substring(at + SEPARATOR.length()) : "").replace("_", " ");
        if (!hasVersion(prefix)) {
            return left.isEmpty() ? Optional.of(new ScriptName(prefix, MigrationVersion.EMPTY, description))
                    : Optional.empty();
        }
        if (left.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ScriptName(prefix, MigrationVersion.fromVersion(left), description));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    // a loop, not a stream: every file of every folder is parsed, and a cold JVM runs streams slowly
    private static String longestPrefix(String base) {
        for (String prefix : PREFIXES) {
            if (base.startsWith(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    private static boolean hasVersion(String prefix) {
        return prefix.equals(VERSIONED) || prefix.equals(UNDO) || prefix.equals(BASELINE);
    }

    private static boolean endsWithSuffix(String fileName) {
        return fileName.toUpperCase(Locale.ROOT).endsWith(SUFFIX.toUpperCase(Locale.ROOT));
    }

    private static String withoutSuffix(String fileName) {
        return fileName.substring(0, fileName.length() - SUFFIX.length());
    }

    private static List<String> prefixes() {
        List<String> prefixes = new ArrayList<>(List.of(VERSIONED, UNDO, REPEATABLE, BASELINE));
        for (Event event : Event.values()) {
            prefixes.add(event.getId());
        }
        prefixes.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(prefixes);
    }
}
