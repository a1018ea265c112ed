package io.dbmigrate.engine.action;

import io.dbmigrate.engine.error.RequestFailures;
import io.dbmigrate.engine.error.Warnings;
import io.dbmigrate.engine.script.ScriptNames;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The files {@code create --undo} works on: which V scripts get an undo script, where it goes, what a script's
 * {@code .conf} says about transactions, and writing a new file without ever overwriting one.
 */
final class UndoScriptFiles {
    private UndoScriptFiles() {
    }

    /** The V scripts to write undo scripts for: those asked for (all when none), without one yet. */
    static List<MigrationInfo> choose(Session session, List<MigrationInfo> onDisk, List<String> warnings) {
        List<MigrationVersion> asked = new ArrayList<>();
        for (String input : session.request().undoVersions()) {
            MigrationVersion version = parse(input, onDisk);
            if (onDisk.stream().noneMatch(i -> i.getVersion().equals(version))) {
                throw RequestFailures.undoUnknownVersion(input,
                        onDisk.stream().map(i -> i.getVersion().getVersion()).toList());
            }
            asked.add(version);
        }
        List<MigrationInfo> chosen = new ArrayList<>();
        for (MigrationInfo info : onDisk) {
            if (!asked.isEmpty() && !asked.contains(info.getVersion())) {
                continue;
            }
            Optional<Path> existing = session.locations().undoScript(info.getVersion());
            if (existing.isPresent()) {
                if (!asked.isEmpty()) {
                    warnings.add(Warnings.undoExists(info.getScript(), existing.get().getFileName().toString()));
                }
                continue;
            }
            chosen.add(info);
        }
        return chosen;
    }

    private static MigrationVersion parse(String input, List<MigrationInfo> onDisk) {
        try {
            return MigrationVersion.fromVersion(input.startsWith("V") || input.startsWith("v") ? input.substring(1)
                    : input);
        } catch (RuntimeException e) {
            throw RequestFailures.undoUnknownVersion(input,
                    onDisk.stream().map(i -> i.getVersion().getVersion()).toList());
        }
    }

    /** The version of the V script before {@code info} on disk; empty for the first. */
    static MigrationVersion previousOf(List<MigrationInfo> onDisk, MigrationInfo info) {
        MigrationVersion previous = MigrationVersion.EMPTY;
        for (MigrationInfo other : onDisk) {
            if (other.getVersion().compareTo(info.getVersion()) < 0) {
                previous = other.getVersion();
            }
        }
        return previous;
    }

    /** U beside V, with V's description part: {@code V3__add_index.sql} → {@code U3__add_index.sql}. */
    static Path undoFileOf(MigrationInfo info) {
        Path versioned = Path.of(info.getPhysicalLocation());
        return versioned.resolveSibling(ScriptNames.undoNameOf(versioned.getFileName().toString()));
    }

    /** {@code executeInTransaction=false} in the script's .conf file, Flyway's own script configuration. */
    static boolean markedOutsideTransaction(Path file) {
        Path conf = file.resolveSibling(file.getFileName() + ".conf");
        if (!Files.isRegularFile(conf)) {
            return false;
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(conf, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            return false;
        }
        return properties.getProperty("executeInTransaction", "true").trim().equalsIgnoreCase("false");
    }

    /** Writes a new file; one that exists already is an error, never overwritten. */
    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw RequestFailures.cannotWrite(file + ": " + e.getMessage());
        }
    }
}
