package io.dbmigrate.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Copies a migration folder from {@code src/test/resources/migrations/<scenario>} so a test may change it.
 * Works from the engine's own test classes and from the engine test-jar that other modules (cli/) use.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path copy(String scenario, Path into) {
        URL url = Fixtures.class.getResource("/migrations/" + scenario);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + scenario);
        }
        Path target = into.resolve(scenario);
        try {
            Files.createDirectories(target);
            if (url.getProtocol().equals("jar")) {
                JarURLConnection jar = (JarURLConnection) url.openConnection();
                jar.setUseCaches(false);
                // a file system of our own (not the provider-wide one a jar: URI opens), so parallel copies don't clash
                try (FileSystem zip = FileSystems.newFileSystem(Path.of(jar.getJarFileURL().toURI()))) {
                    copyFiles(zip.getPath(jar.getEntryName()), target);
                }
            } else {
                copyFiles(Path.of(url.toURI()), target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyFiles(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
