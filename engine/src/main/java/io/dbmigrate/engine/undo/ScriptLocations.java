package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.Messages;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Event;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migration locations of one run, with relative {@code filesystem:} paths made absolute against
 * the working directory (on a Jenkins agent the process's directory is not the workspace), and the
 * undo scripts found in them: {@code U<version>__<description>.sql}, Flyway's own naming.
 */
public final class ScriptLocations {
    private static final String FILESYSTEM = "filesystem:";
    /** A SQL callback: an event's name, optionally {@code __description}, as Flyway's SqlScriptCallbackFactory reads it. */
    private static final Pattern CALLBACK = Pattern.compile("([A-Za-z]+)(?:__.*)?\\.sql");

    private final List<String> flywayLocations;
    private final List<Path> folders;
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
    }

    /** Locations as Flyway takes them. */
    public String[] forFlyway() {
        return flywayLocations.toArray(String[]::new);
    }

    /** The filesystem folders, in the order given. */
    public List<Path> folders() {
        return folders;
    }

    /**
     * Fails with a clear message, before anything runs, when a filesystem location does not exist (Flyway only
     * warns), or holds a script Flyway would skip without a word (one it cannot read, a folder named like a
     * script) or two V (or two U) scripts of one version, of which Flyway refuses both and undo would pick one.
     */
    public void requireUsable() {
        for (Path dir : folders) {
            if (!Files.isDirectory(dir)) {
                throw new MigrationException(ErrorKind.INVALID_INPUT, Messages.locationMissing(dir.toString()));
            }
        }
        Map<Character, Map<MigrationVersion, Path>> seen = new HashMap<>();
        for (Path file : scripts()) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                String reason = Files.isDirectory(file) ? "it is a folder"
                        : Files.exists(file) ? "permission denied" : "a broken link";
                throw new MigrationException(ErrorKind.INVALID_INPUT, Messages.scriptUnreadable(file.toString(), reason));
            }
            Optional<ScriptNames.Versioned> named = ScriptNames.versioned(file.getFileName().toString());
            if (named.isPresent()) {
                MigrationVersion version = named.get().version();
                // keyed by MigrationVersion, so V2 and V2.0 are one version, as Flyway counts them
                Path other = seen.computeIfAbsent(named.get().prefix(), k -> new HashMap<>()).putIfAbsent(version, file);
                if (other != null) {
                    throw new MigrationException(ErrorKind.INVALID_INPUT,
                            Messages.duplicateVersion(version.getVersion(), other.toString(), file.toString()));
                }
            }
        }
    }

    /** Everything in the folders named like a V, U or R script, in name order. */
    private List<Path> scripts() {
        List<Path> scripts = new ArrayList<>();
        for (Path dir : folders) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> ScriptNames.isScript(f.getFileName().toString())).sorted().forEach(scripts::add);
            } catch (IOException | UncheckedIOException e) {
                throw new MigrationException(ErrorKind.INVALID_INPUT,
                        Messages.scriptUnreadable(dir.toString(), "cannot list a folder in it"));
            }
        }
        return scripts;
    }

    /**
     * The {@code .sql} files Flyway passes over without a word: named neither like a V, U or R script nor like a SQL
     * callback ({@code V1_x.sql}, {@code v1__x.sql}, {@code V1.sql}).
     */
    public List<Path> misnamedScripts() {
        List<Path> misnamed = new ArrayList<>();
        for (Path dir : folders) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).filter(f -> isMisnamed(f.getFileName().toString())).sorted()
                        .forEach(misnamed::add);
            } catch (IOException | UncheckedIOException e) {
                throw new MigrationException(ErrorKind.INVALID_INPUT,
                        Messages.scriptUnreadable(dir.toString(), "cannot list a folder in it"));
            }
        }
        return misnamed;
    }

    private static boolean isMisnamed(String name) {
        if (!name.endsWith(".sql") || ScriptNames.isScript(name)) {
            return false;
        }
        Matcher callback = CALLBACK.matcher(name);
        return !callback.matches() || Event.fromId(callback.group(1)) == null;
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
        Pattern name = Pattern.compile(Pattern.quote(event) + "(__.+)?\\.sql");
        List<Path> found = new ArrayList<>();
        for (Path dir : folders) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).filter(f -> name.matcher(f.getFileName().toString()).matches())
                        .forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        found.sort(Comparator.comparing((Path f) -> f.getFileName().toString().contains("__"))
                .thenComparing(f -> f.getFileName().toString()));
        return found;
    }

    /** Every undo script found, by version. */
    public List<Path> allUndoScripts() {
        return undoScripts().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    private synchronized Map<MigrationVersion, Path> undoScripts() {
        if (undoScripts == null) {
            Map<MigrationVersion, Path> found = new HashMap<>();
            for (Path dir : folders) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(Files::isRegularFile).forEach(file -> {
                        ScriptNames.undoVersion(file.getFileName().toString())
                                .ifPresent(version -> found.putIfAbsent(version, file));
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            undoScripts = found;
        }
        return undoScripts;
    }
}
