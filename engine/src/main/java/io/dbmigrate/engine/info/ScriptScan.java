package io.dbmigrate.engine.info;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Event;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SQL migrations in filesystem folders, read as Flyway 13 reads them with db-migrate's settings (its
 * FileSystemScanner, SqlMigrationResolver, ResourceNameParser and ChecksumCalculator): prefixes {@code V} and
 * {@code R}, separator {@code __}, suffix {@code .sql} in any case, UTF-8.
 * <p>
 * Where the folders hold anything that needs more of Flyway than this (a script's {@code .conf}, a script migration,
 * a baseline migration, two migrations of one version, a repeatable one with placeholders, an info or connect
 * callback that Flyway's info runs, a name {@code validateMigrationNaming} refuses, a file not in UTF-8), the answer
 * is empty and Flyway reads them itself.
 */
final class ScriptScan {
    private static final String SUFFIX = ".sql";
    private static final String SEPARATOR = "__";
    private static final List<String> SCRIPT_SUFFIXES = List.of(".cmd", ".bat", ".ps1", ".py", ".sh", ".bash");
    /** Callbacks Flyway's info() runs: with one of them, info must stay Flyway's. */
    private static final List<String> INFO_CALLBACKS = List.of("beforeInfo", "afterInfo", "beforeConnect",
            "afterConnect");
    /** What Flyway's ResourceNameParser matches a name against, longest first: callbacks, V, R and B (baseline). */
    private static final List<String> PREFIXES = prefixes();

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
            for (String path : list(root)) {
                File file = new File(path);
                files.add(file);
                relative.add(path.substring(root.getPath().length() + 1).replace("\\", "/"));
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
            if (settings.validateMigrationNaming() && endsWithSql(name, "") && !validName(name)) {
                return Optional.empty(); // Flyway refuses the names, in its own words
            }
            boolean versioned = isCandidate(name, "V");
            boolean repeatable = !settings.repeatablesHidden() && isCandidate(name, "R");
            if (!versioned && !repeatable) {
                continue;
            }
            Optional<Named> named = parse(name, versioned ? "V" : "R");
            if (named.isEmpty()) {
                continue;
            }
            String text;
            try {
                text = FlywayChecksum.read(file.toPath(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return Optional.empty();
            }
            int checksum = FlywayChecksum.of(text);
            if (repeatable && settings.placeholderReplacement() && text.contains(settings.placeholderPrefix())) {
                return Optional.empty(); // its checksum is of the text with Flyway's placeholder values
            }
            scripts.add(new ResolvedScript(named.get().version(), named.get().description(), relative.get(i),
                    checksum, repeatable ? checksum : null, file.getAbsolutePath()));
        }
        return hasDuplicates(scripts) ? Optional.empty() : Optional.of(scripts);
    }

    /** Flyway's FileSystemScanner: readable files below {@code folder}, hidden folders left out, in path order. */
    private static Set<String> list(File folder) {
        Set<String> names = new TreeSet<>();
        File[] files = folder.listFiles();
        if (files == null) {
            return names;
        }
        for (File file : files) {
            if (file.canRead()) {
                if (file.isDirectory()) {
                    if (!file.isHidden()) {
                        names.addAll(list(file));
                    }
                } else {
                    names.add(file.getPath());
                }
            }
        }
        return names;
    }

    private static boolean needsFlyway(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean scriptMigration = (name.startsWith("V") || name.startsWith("R") || name.startsWith("B"))
                && SCRIPT_SUFFIXES.stream().anyMatch(lower::endsWith);
        boolean baselineMigration = name.startsWith("B") && endsWithSql(name, "B");
        boolean infoCallback = endsWithSql(name, "") && INFO_CALLBACKS.stream().anyMatch(name::startsWith);
        return scriptMigration || baselineMigration || infoCallback;
    }

    /** Flyway's Scanner.getResources(prefix, ".sql"): the prefix, the suffix in any case, and something between. */
    private static boolean isCandidate(String name, String prefix) {
        return name.startsWith(prefix) && endsWithSql(name, prefix);
    }

    private static boolean endsWithSql(String name, String prefix) {
        return name.toUpperCase(Locale.ROOT).endsWith(SUFFIX.toUpperCase(Locale.ROOT))
                && name.length() > (prefix + SUFFIX).length();
    }

    private record Named(MigrationVersion version, String description) {
    }

    /** Flyway's ResourceNameParser for a V or R name; empty for a name it finds invalid (Flyway skips those). */
    private static Optional<Named> parse(String fileName, String prefix) {
        String base = stripSuffix(fileName);
        if (!prefix.equals(findPrefix(base))) {
            return Optional.empty();
        }
        String name = base.substring(prefix.length());
        int at = name.indexOf(SEPARATOR);
        String left = at >= 0 ? name.substring(0, at) : name;
        String right = at >= 0 ? name.substring(at + SEPARATOR.length()) : "";
        String description = right.replace("_", " ");
        if (prefix.equals("R")) {
            return left.isEmpty() ? Optional.of(new Named(null, description)) : Optional.empty();
        }
        if (left.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Named(MigrationVersion.fromVersion(left), description));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether Flyway's ResourceNameValidator accepts a .sql file's name (a migration's or a callback's). */
    private static boolean validName(String fileName) {
        String base = stripSuffix(fileName);
        String prefix = findPrefix(base);
        if (prefix == null) {
            return false;
        }
        String name = base.substring(prefix.length());
        int at = name.indexOf(SEPARATOR);
        String left = at >= 0 ? name.substring(0, at) : name;
        if (!prefix.equals("V") && !prefix.equals("B")) {
            return left.isEmpty();
        }
        if (left.isEmpty()) {
            return false;
        }
        try {
            MigrationVersion.fromVersion(left);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String stripSuffix(String name) {
        return name.toUpperCase(Locale.ROOT).endsWith(SUFFIX.toUpperCase(Locale.ROOT))
                ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }

    private static String findPrefix(String nameWithoutSuffix) {
        return PREFIXES.stream().filter(nameWithoutSuffix::startsWith).findFirst().orElse(null);
    }

    private static List<String> prefixes() {
        List<String> prefixes = new ArrayList<>(List.of("V", "R"));
        for (Event event : Event.values()) {
            prefixes.add(event.getId());
        }
        prefixes.add("B");
        prefixes.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(prefixes);
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
