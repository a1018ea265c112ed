package io.dbmigrate.engine.script;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One filesystem location walked as Flyway 13's FileSystemScanner walks it: hidden folders left out, links followed,
 * a folder it cannot read passed over. The one listing rule for every reading of the locations.
 *
 * @param entries   what the scanner looks at below the location, sorted by path as Flyway sorts them: files (Flyway
 *                  keeps the readable ones, {@link #keptByFlyway}) and the folders it descends into
 * @param unlisted  folders below the location that Flyway passes over because it cannot list them
 */
public record FolderListing(List<File> entries, List<File> unlisted) {
    public FolderListing {
        entries = List.copyOf(entries);
        unlisted = List.copyOf(unlisted);
    }

    /**
     * Lists {@code root}, which must be a folder. Throws {@link LinkLoop} where a link leads back to a folder it is in:
     * Flyway would descend until the path grows too long, listing every script again at each depth.
     */
    public static FolderListing of(File root) {
        List<File> entries = new ArrayList<>();
        List<File> unlisted = new ArrayList<>();
        walk(root, entries, unlisted);
        entries.sort(Comparator.comparing(File::getPath));
        return new FolderListing(entries, unlisted);
    }

    /** Whether Flyway's scanner keeps this entry as a resource: a readable file. */
    public static boolean keptByFlyway(File entry) {
        return entry.canRead() && !entry.isDirectory();
    }

    private static void walk(File folder, List<File> entries, List<File> unlisted) {
        File[] files = folder.listFiles();
        if (files == null) {
            unlisted.add(folder);
            return;
        }
        for (File file : files) {
            if (!file.isDirectory()) {
                entries.add(file);
            } else if (!file.canRead()) {
                unlisted.add(file);
            } else if (!file.isHidden()) { // Flyway #1807: hidden folders skipped
                requireNoLoop(folder, file);
                entries.add(file);
                walk(file, entries, unlisted);
            }
        }
    }

    /** A loop needs a link: only a link's target is compared with the folder it sits in. */
    private static void requireNoLoop(File folder, File child) {
        if (!Files.isSymbolicLink(child.toPath())) {
            return;
        }
        try {
            Path target = child.toPath().toRealPath();
            if (folder.toPath().toRealPath().startsWith(target)) {
                throw new LinkLoop(child, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A link below a location that leads to a folder it is in. */
    public static final class LinkLoop extends RuntimeException {
        private final transient File link;
        private final transient Path target;

        LinkLoop(File link, Path target) {
            super(link + " links to " + target + ", a folder it is in");
            this.link = link;
            this.target = target;
        }

        public File link() {
            return link;
        }

        public Path target() {
            return target;
        }
    }
}
