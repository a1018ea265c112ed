package io.dbmigrate.engine.script;

import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resource.filesystem.FileSystemResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our checksum is Flyway's, number for number, on every SQL script the project ships or tests with. */
class FlywayChecksumTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static Stream<Path> scripts() throws IOException {
        List<Path> roots = List.of(ROOT.resolve("examples"), ROOT.resolve("engine/src/test/resources"),
                ROOT.resolve("cli/src/test/resources"));
        Stream<Path> all = Stream.empty();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    List<Path> sql = walk.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList();
                    all = Stream.concat(all, sql.stream());
                }
            }
        }
        return all;
    }

    @Test
    void shouldFindTheScriptsToCompare() throws IOException {
        assertThat(scripts().count()).isGreaterThan(100);
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void shouldComputeFlywaysChecksum(Path script) throws IOException {
        if (!isUtf8(script)) {
            assertThatThrownBy(() -> flyway(script)).hasMessageContaining("Unable to calculate checksum");
            return;
        }
        assertThat(FlywayChecksum.ofUtf8(Files.readAllBytes(script))).as(script.toString()).isEqualTo(flyway(script));
    }

    @Test
    void shouldIgnoreLineEndingsAndAByteOrderMarkAsFlywayDoes(@TempDir Path tmp) throws IOException {
        String[] texts = {"CREATE TABLE a (id int);\nSELECT 1;\n", "CREATE TABLE a (id int);\r\nSELECT 1;\r\n",
                "\ufeffCREATE TABLE a (id int);\rSELECT 1;", "", "\n\n\n", "\ufeff",
                "x\u00e9\u4e2d\ud83d\ude00\r\n\r\n", "a\r", "a\r\r\nb\n\rc", "\ufeff\r\n", "\ufeff\ufeffa",
                "a\u2028b\u0085c\u000bd\fe", "\r\n", "a\n\ufeffb"};
        for (int i = 0; i < texts.length; i++) {
            Path file = tmp.resolve("V" + i + "__x.sql");
            Files.writeString(file, texts[i], StandardCharsets.UTF_8);
            assertThat(FlywayChecksum.ofUtf8(Files.readAllBytes(file))).as(texts[i]).isEqualTo(flyway(file));
        }
    }

    @Test
    void shouldRefuseAFileNotInTheEncodingAsFlywayDoes(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("V1__latin1.sql");
        Files.writeString(file, "INSERT INTO t VALUES ('\u00e9l\u00e8ve');\n", StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> flyway(file)).hasMessageContaining("Unable to calculate checksum");
        assertThatThrownBy(() -> decode(file)).isInstanceOf(IOException.class);
    }

    private static int flyway(Path script) {
        return ChecksumCalculator.calculate(new FileSystemResource(null, script.toString(), StandardCharsets.UTF_8,
                false));
    }

    private static String decode(Path file) throws IOException {
        return FlywayChecksum.decode(Files.readAllBytes(file), StandardCharsets.UTF_8, file);
    }

    private static boolean isUtf8(Path script) throws IOException {
        try {
            decode(script);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
