package io.dbmigrate.engine.script;

import org.flywaydb.core.api.MigrationVersion;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reading of script file names, Flyway's default naming as its ResourceNameParser reads it:
 * {@code V<version>[__<description>].sql} (a migration), {@code U<version>[__<description>].sql} (its undo script),
 * {@code R__<description>.sql} (a repeatable migration), {@code <event>[__<description>].sql} (a SQL callback). The
 * suffix is matched in any case ({@code V3__x.SQL}), and the description may be left out ({@code V2.sql}).
 */
public final class ScriptNames {
    /** Everything before the first {@code __} is the version (Flyway's splitAtFirstSeparator), so {@code V1_x.sql} is none. */
    private static final Pattern VERSIONED_OR_UNDO = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)(?:__.*)?\\.(?i:sql)");
    private static final Pattern REPEATABLE = Pattern.compile("R(?:__.*)?\\.(?i:sql)");
    /** A SQL callback: an event's name, optionally {@code __description}, as Flyway's SqlScriptCallbackFactory reads it. */
    private static final Pattern CALLBACK = Pattern.compile("([A-Za-z]+)(?:__.+)?\\.(?i:sql)");
    private static final Pattern SQL_FILE = Pattern.compile(".*\\.(?i:sql)");

    /** A V or U script's prefix and version; V2 and V2.0 give one version, as Flyway counts them. */
    public record Versioned(char prefix, MigrationVersion version) {
        public boolean isUndo() {
            return prefix == 'U';
        }
    }

    private ScriptNames() {
    }

    /** The prefix and version, when {@code fileName} names a V or U script. */
    public static Optional<Versioned> versioned(String fileName) {
        Matcher m = VERSIONED_OR_UNDO.matcher(fileName);
        return m.matches() ? Optional.of(new Versioned(m.group(1).charAt(0), MigrationVersion.fromVersion(m.group(2))))
                : Optional.empty();
    }

    /** The version an undo script undoes, when {@code fileName} names one. */
    public static Optional<MigrationVersion> undoVersion(String fileName) {
        return versioned(fileName).filter(Versioned::isUndo).map(Versioned::version);
    }

    /** Whether {@code fileName} names a V, U or R script. */
    public static boolean isScript(String fileName) {
        return versioned(fileName).isPresent() || REPEATABLE.matcher(fileName).matches();
    }

    /** Whether {@code fileName} ends in Flyway's SQL suffix, in any case. */
    public static boolean isSql(String fileName) {
        return SQL_FILE.matcher(fileName).matches();
    }

    /** The event a file would be the SQL callback of ({@code beforeUndo__log.sql}: beforeUndo), known or not. */
    public static Optional<String> callbackEvent(String fileName) {
        Matcher m = CALLBACK.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
