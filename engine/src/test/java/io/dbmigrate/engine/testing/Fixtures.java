package io.dbmigrate.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies a migration folder from {@code src/test/resources/migrations/<scenario>} so a test may change it. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path copy(String scenario, Path into) {
        URL url = Fixtures.class.getResource("/migrations/" + scenario);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + scenario);
        }
        try {
            Path source = Path.of(url.toURI());
            Path target = into.resolve(scenario);
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
