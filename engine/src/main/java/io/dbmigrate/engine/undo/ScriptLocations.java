package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.error.ScriptFailures;
import io.dbmigrate.engine.script.FlywayChecksum;
import io.dbmigrate.engine.script.FolderListing;
import io.dbmigrate.engine.script.ScriptName;
import io.dbmigrate.engine.script.ScriptNames;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.locations.LocationParser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The migration locations of one run, with relative {@code filesystem:} paths made absolute against
 * the working directory (on a Jenkins agent the process's directory is not the workspace), and the
 * undo scripts found in them: {@code U<version>__<description>.sql}, Flyway's own naming.
 */
public final class ScriptLocations {
    private static final String FILESYSTEM = "filesystem:";

    private final List<String> flywayLocations;
    private final List<Path> folders;
    /** The folders Flyway reads: each once, none inside another given one, as its Locations keeps them. */
    private final List<Path> distinct;
    /** Each listed entry's path relative to its location, as Flyway compares two scripts of one version. */
    private final Map<Path, String> relativeOf = new HashMap<>();
    /** Read once per run (a run writes no script it reads afterwards), maybe ahead on another thread. */
    private List<Path> entries;
    private boolean usable;
    private Map<MigrationVersion, Path> undoScripts;

    public ScriptLocations(List<String> locations, String workingDirectory) {
        List<String> resolved = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (String location : locations) {
            String trimmed = location.trim();
            if (trimmed.startsWith(FILESYSTEM) || !trimmed.contains(":")) {
                String path = trimmed.startsWith(FILESYSTEM) ? trimmed.substring(FILESYSTEM.length()) : trimmed;
                Path dir = Path.of(workingDirectory).resolve(path).normalize();
                dirs.add(dir);
                resolved.add(FILESYSTEM + dir);
            } else {
                resolved.add(trimmed);
            }
        }
        this.flywayLocations = List.copyOf(resolved);
        this.folders = List.copyOf(dirs);
        this.distinct = distinct(folders);
    }

    /**
     * Flyway's Locations: a folder given twice is read once, and one inside another given folder is discarded (Flyway
     * warns), as its scripts are read with the outer one. Wildcard locations are neither.
     */
    private static List<Path> distinct(List<Path> dirs) {
        List<Path> kept = new ArrayList<>();
        for (Path dir : dirs) {
            boolean inside = !isWildcard(dir) && dirs.stream()
                    .anyMatch(other -> !other.equals(dir) && !isWildcard(other) && dir.startsWith(other));
            if (!inside && !kept.contains(dir)) {
                kept.add(dir);
            }
        }
        return List.copyOf(kept);
    }

    /**
     * The folder Flyway scans for a location, and for a wildcard one Flyway's parsing of it (the folder before the
     * first wildcard, a pattern the paths below must match). Flyway's parser loads its plugins: only for a wildcard.
     */
    private static Scanned scanned(Path dir) {
        if (!isWildcard(dir)) {
            return new Scanned(dir, Optional.empty());
        }
        Location location = LocationParser.parseLocation(FILESYSTEM + dir);
        return new Scanned(Path.of(location.getRootPath()), Optional.of(location));
    }

    private record Scanned(Path root, Optional<Location> location) {
    }

    private static boolean isWildcard(Path dir) {
        return dir.toString().contains("*") || dir.toString().contains("?");
    }

    /** Locations as Flyway takes them. */
    public String[] forFlyway() {
        return flywayLocations.toArray(String[]::new);
    }

    /** Whether every location is a filesystem folder (no classpath: or other kind of location, no wildcard). */
    public boolean onlyFolders() {
        return folders.size() == flywayLocations.size() && folders.stream().noneMatch(ScriptLocations::isWildcard);
    }

    /** The filesystem folders, in the order given. */
    public List<Path> folders() {
        return folders;
    }

    /** The filesystem folders as Flyway reads them: in the order given, without repeats and sub-folders. */
    public List<Path> distinctFolders() {
        return distinct;
    }

    /**
     * Fails with a clear message, before anything runs, when a filesystem location does not exist (Flyway only
     * warns), or holds a script Flyway would skip without a word (one it cannot read, a folder named like a
     * script) or two V (or two U) scripts of one version, of which Flyway refuses both and undo would pick one;
     * unless they are one script to Flyway (same path in their locations, same checksum), which it reads once. A
     * wildcard location ({@code filesystem:db/*}{@code /migration}, {@code db/**}{@code /undo}) is read as Flyway reads
     * it: the folder before the first wildcard, what below it matches.
     */
    public synchronized void requireUsable() {
        if (usable) {
            return;
        }
        for (Path dir : folders) {
            if (!Files.isDirectory(scanned(dir).root())) {
                throw ScriptFailures.locationMissing(dir.toString());
            }
        }
        Map<String, Map<MigrationVersion, Path>> seen = new HashMap<>();
        for (Path file : entries()) {
            // one reading of each name: a folder may hold thousands
            Optional<ScriptName> named = ScriptNames.read(file.getFileName().toString()).filter(ScriptName::isScript);
            if (named.isEmpty()) {
                continue;
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                String reason = Files.isDirectory(file) ? "it is a folder"
                        : Files.exists(file) ? "permission denied" : "a broken link";
                throw ScriptFailures.scriptUnreadable(file.toString(), reason);
            }
            if (!named.get().isRepeatable()) {
                MigrationVersion version = named.get().version();
                // keyed by MigrationVersion, so V2 and V2.0 are one version, as Flyway counts them
                Path other = seen.computeIfAbsent(named.get().prefix(), k -> new HashMap<>()).putIfAbsent(version, file);
                if (other != null && !sameScript(other, file)) {
                    throw ScriptFailures.duplicateVersion(version.getVersion(), other.toString(), file.toString());
                }
            }
        }
        if (undoScripts == null) {
            // the same set undoScripts() would list: every U name here is a readable file of its own version
            undoScripts = seen.getOrDefault(ScriptNames.UNDO, new HashMap<>());
        }
        usable = true;
    }

    /** Flyway's ResolvedMigration equality: one relative path, one checksum (so CRLF and LF are one script). */
    private boolean sameScript(Path one, Path other) {
        if (!relativeOf.get(one).equals(relativeOf.get(other))) {
            return false;
        }
        try {
            return FlywayChecksum.ofUtf8(Files.readAllBytes(one)) == FlywayChecksum.ofUtf8(Files.readAllBytes(other));
        } catch (IOException e) {
            throw ScriptFailures.scriptUnreadable(one + " or " + other, e.getMessage());
        }
    }

    /**
     * Everything below the folders that exist, folder by folder in the order given, each folder's entries in name
     * order: the one listing every reading of the locations starts from.
     */
    private synchronized List<Path> entries() {
        if (entries == null) {
            entries = List.copyOf(listEntries());
        }
        return entries;
    }

    private List<Path> listEntries() {
        List<Path> entries = new ArrayList<>();
        for (Path dir : distinct) {
            Scanned scanned = scanned(dir);
            if (!Files.isDirectory(scanned.root())) {
                continue;
            }
            FolderListing listing;
            try {
                listing = FolderListing.of(scanned.root().toFile());
            } catch (FolderListing.LinkLoop e) {
                throw ScriptFailures.linkLoop(e.link().toString(), e.target().toString());
            } catch (UncheckedIOException e) {
                throw ScriptFailures.scriptUnreadable(dir.toString(), "cannot list a folder in it");
            }
            if (!listing.unlisted().isEmpty()) {
                String folder = listing.unlisted().get(0).toString();
                throw ScriptFailures.scriptUnreadable(folder, "cannot list a folder in it");
            }
            for (File entry : listing.entries()) {
                if (scanned.location().map(l -> l.getPathRegex().matcher(entry.getPath()).matches()).orElse(true)) {
                    entries.add(entry.toPath());
                    relativeOf.putIfAbsent(entry.toPath(), scanned.location().map(l -> l.getPathRelativeToThis(
                            entry.getPath())).orElseGet(() -> dir.relativize(entry.toPath()).toString()));
                }
            }
        }
        return entries;
    }

    /**
     * The {@code .sql} files Flyway passes over without a word: named neither like a V, U, R or B script nor like a SQL
     * callback ({@code V1_x.sql}, {@code v1__x.sql}, {@code V1.2a__x.sql}).
     */
    public List<Path> misnamedScripts() {
        return entries().stream().filter(f -> isMisnamed(f.getFileName().toString())).filter(Files::isRegularFile)
                .toList();
    }

    private static boolean isMisnamed(String name) {
        boolean readByFlyway = ScriptNames.read(name).filter(n -> n.isScript() || n.isBaseline()).isPresent();
        if (!ScriptNames.isSql(name) || readByFlyway) {
            return false;
        }
        return ScriptNames.callbackEvent(name).map(Event::fromId).isEmpty();
    }

    public String describe() {
        return String.join(", ", flywayLocations);
    }

    public Optional<Path> undoScript(MigrationVersion version) {
        return Optional.ofNullable(undoScripts().get(version));
    }

    /** The version an undo script undoes, from its name. */
    public static MigrationVersion undoVersion(Path undoScript) {
        return ScriptNames.undoVersion(undoScript.getFileName().toString())
                .orElseThrow(() -> new IllegalArgumentException("not an undo script: " + undoScript));
    }

    /**
     * The SQL callback scripts for one event, as Flyway names them ({@code beforeUndo.sql},
     * {@code beforeUndo__<description>.sql}), anywhere in the filesystem folders, in Flyway's order: the one without a
     * description first, then by description.
     */
    public List<Path> sqlCallbacks(String event) {
        // the name first: one stat per callback, not one per script of the folder
        return entries().stream()
                .filter(f -> ScriptNames.callbackEvent(f.getFileName().toString()).filter(event::equals).isPresent())
                .filter(Files::isRegularFile)
                .sorted(Comparator.comparing((Path f) -> f.getFileName().toString().contains(ScriptNames.SEPARATOR))
                        .thenComparing(f -> f.getFileName().toString()))
                .toList();
    }

    /** Every undo script found, by version. */
    public List<Path> allUndoScripts() {
        return undoScripts().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    private synchronized Map<MigrationVersion, Path> undoScripts() {
        if (undoScripts == null) {
            Map<MigrationVersion, Path> found = new HashMap<>();
            for (Path file : entries()) {
                ScriptNames.undoVersion(file.getFileName().toString()).filter(version -> Files.isRegularFile(file))
                        .ifPresent(version -> found.putIfAbsent(version, file));
            }
            undoScripts = found;
        }
        return undoScripts;
    }
}
