package io.dbmigrate.engine.info;

import io.dbmigrate.engine.script.FlywayChecksum;
import io.dbmigrate.engine.script.FolderListing;
import io.dbmigrate.engine.script.ScriptName;
import io.dbmigrate.engine.script.ScriptNames;
import org.flywaydb.core.api.MigrationVersion;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL migrations in filesystem folders, read as Flyway 13 reads them with db-migrate's settings (its
 * FileSystemScanner, SqlMigrationResolver and ChecksumCalculator; names as {@link ScriptNames} reads them): V and R
 * scripts in UTF-8.
 * <p>
 * Where the folders hold anything that needs more of Flyway than this (a script's {@code .conf}, a script migration,
 * a baseline migration, two migrations of one version, a repeatable one with placeholders, an info or connect
 * callback that Flyway's info runs, a name {@code validateMigrationNaming} refuses, a file not in UTF-8), the answer
 * is empty and Flyway reads them itself.
 */
final class ScriptScan {
    private static final List<String> SCRIPT_SUFFIXES = List.of(".cmd", ".bat", ".ps1", ".py", ".sh", ".bash");
    /** Callbacks Flyway's info() runs: with one of them, info must stay Flyway's. */
    private static final List<String> INFO_CALLBACKS = List.of("beforeInfo", "afterInfo", "beforeConnect",
            "afterConnect");

    private final InfoSettings settings;

    ScriptScan(InfoSettings settings) {
        this.settings = settings;
    }

    /** Every versioned and repeatable SQL migration, or empty when Flyway must read the folders. */
    Optional<List<ResolvedScript>> resolve(List<Path> folders) {
        List<File> files = new ArrayList<>();
        List<String> relative = new ArrayList<>();
        for (Path folder : folders) {
            File root = folder.toFile();
            // Flyway skips (and logs) a location that is missing or no folder
            if (!root.exists() || !root.canRead() || !root.isDirectory()) {
                continue;
            }
            List<File> entries;
            try {
                entries = FolderListing.of(root).entries();
            } catch (FolderListing.LinkLoop e) {
                return Optional.empty(); // Flyway says what comes of it
            }
            for (File file : entries) {
                if (FolderListing.keptByFlyway(file)) {
                    files.add(file);
                    relative.add(file.getPath().substring(root.getPath().length() + 1).replace("\\", "/"));
                }
            }
        }
        Set<String> paths = new HashSet<>();
        files.forEach(f -> paths.add(f.getPath()));
        List<ResolvedScript> scripts = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            File file = files.get(i);
            String name = file.getName();
            if (needsFlyway(name) || paths.contains(file.getPath() + ".conf")) {
                return Optional.empty();
            }
            if (settings.validateMigrationNaming() && ScriptNames.offered(name, "")
                    && !ScriptNames.validForFlyway(name)) {
                return Optional.empty(); // Flyway refuses the names, in its own words
            }
            Optional<ScriptName> named = ScriptNames.read(name)
                    .filter(n -> n.isVersioned() || (n.isRepeatable() && !settings.repeatablesHidden()));
            if (named.isEmpty()) {
                continue;
            }
            boolean repeatable = named.get().isRepeatable();
            byte[] bytes;
            String text;
            try {
                bytes = Files.readAllBytes(file.toPath());
                text = FlywayChecksum.decode(bytes, StandardCharsets.UTF_8, file.toPath());
            } catch (IOException e) {
                return Optional.empty();
            }
            int checksum = FlywayChecksum.ofUtf8(bytes);
            if (repeatable && settings.placeholderReplacement() && text.contains(settings.placeholderPrefix())) {
                return Optional.empty(); // its checksum is of the text with Flyway's placeholder values
            }
            scripts.add(new ResolvedScript(repeatable ? null : named.get().version(), named.get().description(),
                    relative.get(i), checksum, repeatable ? checksum : null, file.getAbsolutePath()));
        }
        return hasDuplicates(scripts) ? Optional.empty() : Optional.of(scripts);
    }

    // loops, not streams: called for every file, in a JVM that has just started
    private static boolean needsFlyway(String name) {
        boolean scriptMigration = (name.startsWith(ScriptNames.VERSIONED) || name.startsWith(ScriptNames.REPEATABLE)
                || name.startsWith(ScriptNames.BASELINE)) && endsWithAny(name.toLowerCase(Locale.ROOT), SCRIPT_SUFFIXES);
        boolean baselineMigration = ScriptNames.offered(name, ScriptNames.BASELINE);
        return scriptMigration || baselineMigration || ScriptNames.offered(name, "") && startsWithAny(name, INFO_CALLBACKS);
    }

    private static boolean endsWithAny(String name, List<String> suffixes) {
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Two migrations of one version (V1 and V1.0 too) or two repeatable ones of one description: Flyway refuses. */
    private static boolean hasDuplicates(List<ResolvedScript> scripts) {
        Set<MigrationVersion> versions = new HashSet<>();
        Set<String> descriptions = new HashSet<>();
        for (ResolvedScript script : scripts) {
            boolean fresh = script.version() != null ? versions.add(script.version())
                    : descriptions.add(script.description());
            if (!fresh) {
                return true;
            }
        }
        return false;
    }
}
