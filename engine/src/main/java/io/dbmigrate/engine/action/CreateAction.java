package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.api.StepState;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.RequestFailures;
import io.dbmigrate.engine.script.ScriptName;
import io.dbmigrate.engine.script.ScriptNames;
import io.dbmigrate.engine.undo.ScriptLocations;
import org.flywaydb.core.api.MigrationVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a new {@code V<next>__<slug>.sql} and {@code U<next>__<slug>.sql} pair into the first
 * filesystem location. Needs no database: the next version comes from the files. Projects that
 * number by timestamp (a first part of 8+ digits) get a timestamp; others get the next whole number.
 */
public final class CreateAction {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss");

    private final MigrationRequest request;
    private final Clock clock;

    public CreateAction(MigrationRequest request, Clock clock) {
        this.request = request;
        this.clock = clock;
    }

    private static final int SLUG_LENGTH = 100;

    /** The pair this action writes: the new version and both files, neither of which exists yet. */
    record NewScripts(String version, Path versioned, Path undo) {
    }

    public MigrationResult run() throws IOException {
        NewScripts scripts = plan();
        write(scripts, "-- " + request.description() + "\n-- Applied by upgrade. Write the change here.\n",
                "-- Undo of " + scripts.versioned().getFileName() + ", run by downgrade in one transaction.\n"
                        + "-- Reverse every statement of the V script, in reverse order.\n");
        MigrationStep step = new MigrationStep(scripts.version(), request.description(),
                scripts.versioned().getFileName().toString(), StepState.CREATED, 0, "", true);
        return Results.success(request, Messages.created(scripts.versioned().toString(), scripts.undo().toString()),
                "", "", scripts.version(), List.of(step), 0);
    }

    /** Checks the request and picks the next version and the file names; writes nothing. */
    NewScripts plan() throws IOException {
        if (request.description().isBlank()) {
            throw RequestFailures.descriptionRequired();
        }
        ScriptLocations locations = new ScriptLocations(request.locations(), request.workingDirectory());
        if (locations.folders().isEmpty()) {
            throw RequestFailures.noFilesystemLocation(request.locations());
        }
        Path folder = locations.folders().get(0);
        String next = nextVersion(highestVersion(locations.folders()));
        String slug = slug(request.description());
        Path versioned = folder.resolve(ScriptNames.fileName(ScriptNames.VERSIONED, next, slug));
        Path undo = versioned.resolveSibling(ScriptNames.undoNameOf(versioned.getFileName().toString()));
        for (Path file : List.of(versioned, undo)) {
            if (Files.exists(file)) {
                throw RequestFailures.wouldOverwrite(file.toString());
            }
        }
        return new NewScripts(next, versioned, undo);
    }

    /** Writes both files, creating the folder if needed; never overwrites. */
    static void write(NewScripts scripts, String versionText, String undoText) throws IOException {
        Files.createDirectories(scripts.versioned().getParent());
        write(scripts.versioned(), versionText);
        write(scripts.undo(), undoText);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }

    private MigrationVersion highestVersion(List<Path> folders) throws IOException {
        MigrationVersion highest = MigrationVersion.EMPTY;
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Optional<ScriptName> named = ScriptNames.versioned(file.getFileName().toString());
                    if (named.isPresent() && named.get().version().compareTo(highest) > 0) {
                        highest = named.get().version();
                    }
                }
            }
        }
        return highest;
    }

    private String nextVersion(MigrationVersion highest) {
        if (highest.equals(MigrationVersion.EMPTY)) {
            return "1";
        }
        String major = highest.getVersion().split("[._]")[0];
        if (major.length() >= 8) {
            String stamp = LocalDateTime.now(clock).format(TIMESTAMP);
            // a clock behind the newest file must not produce an older version
            return MigrationVersion.fromVersion(stamp).compareTo(highest) > 0 ? stamp : highest.getVersion() + ".1";
        }
        return String.valueOf(Long.parseLong(major) + 1);
    }

    /**
     * The description as a file name part: accents dropped ({@code élève} → {@code eleve}), anything else that is not a
     * letter or digit one {@code _}, at most {@value #SLUG_LENGTH} characters, so the name fits every file system.
     */
    static String slug(String description) {
        String ascii = Normalizer.normalize(description, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > SLUG_LENGTH) {
            slug = slug.substring(0, SLUG_LENGTH).replaceAll("_+$", "");
        }
        return slug.isEmpty() ? "migration" : slug;
    }
}
