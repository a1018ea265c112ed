package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.Messages;
import org.flywaydb.core.api.MigrationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private static final Pattern UNDO = Pattern.compile("U(\\d+(?:[._]\\d+)*)__.*\\.sql");

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

    /** Fails with a clear message when a filesystem location does not exist (Flyway only warns). */
    public void requireExisting() {
        for (Path dir : folders) {
            if (!Files.isDirectory(dir)) {
                throw new MigrationException(ErrorKind.INVALID_INPUT, Messages.locationMissing(dir.toString()));
            }
        }
    }

    public String describe() {
        return String.join(", ", flywayLocations);
    }

    public Optional<Path> undoScript(MigrationVersion version) {
        return Optional.ofNullable(undoScripts().get(version));
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
                        Matcher m = UNDO.matcher(file.getFileName().toString());
                        if (m.matches()) {
                            found.putIfAbsent(MigrationVersion.fromVersion(m.group(1)), file);
                        }
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
