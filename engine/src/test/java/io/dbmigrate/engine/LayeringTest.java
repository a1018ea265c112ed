package io.dbmigrate.engine;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering that docs/architecture.md writes down, checked against the code: the test reads the document's table of
 * allowed dependencies, so the document cannot drift from what the code does.
 */
class LayeringTest {
    private static final Path DOCUMENT = Path.of("..", "docs", "architecture.md");
    private static final Pattern ROW = Pattern.compile("^\\| (\\w+) \\| (.+?) \\|(.*)\\|$");
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.dbmigrate.engine");

    /** One row of the table: the layer's name, the classes it holds, and the layers it may use. */
    record Layer(String name, List<String> members, List<String> mayUse) {
    }

    static List<Layer> layers() throws IOException {
        List<Layer> layers = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8)) {
            if (line.startsWith("| Layer | Classes | May use |")) {
                inTable = true;
                continue;
            }
            if (inTable && line.startsWith("|---")) {
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (!inTable || !row.matches()) {
                if (inTable) {
                    break;
                }
                continue;
            }
            List<String> members = Arrays.stream(row.group(2).split(",")).map(s -> s.strip().replace("`", ""))
                    .toList();
            List<String> mayUse = Arrays.stream(row.group(3).split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            layers.add(new Layer(row.group(1), members, mayUse));
        }
        return layers;
    }

    /** The classes a row holds, by ArchUnit's package syntax: "a.b" is that package alone, "a.b.." with subpackages. */
    private static DescribedPredicate<JavaClass> holds(Layer layer) {
        return JavaClass.Predicates.resideInAnyPackage(layer.members().toArray(String[]::new));
    }

    @Test
    void shouldReadEveryLayerOfTheDocument() throws IOException {
        List<Layer> layers = layers();

        assertThat(layers).extracting(Layer::name).containsExactly("admin", "step", "report", "facade", "action",
                "autogen", "schema", "plan", "info", "undo", "api", "revision", "config", "connection", "lock", "history",
                "error", "script", "sql");
        Set<String> names = layers.stream().map(Layer::name).collect(Collectors.toSet());
        assertThat(layers).allSatisfy(layer -> assertThat(names).containsAll(layer.mayUse()));
    }

    @Test
    void shouldPutEveryEngineClassInExactlyOneLayer() throws IOException {
        List<Layer> layers = layers();

        for (JavaClass type : ENGINE) {
            List<String> holding = layers.stream().filter(layer -> holds(layer).test(type)).map(Layer::name)
                    .toList();
            assertThat(holding).as(type.getName()).hasSize(1);
        }
    }

    @Test
    void shouldDependOnlyOnTheLayersTheDocumentAllows() throws IOException {
        List<Layer> layers = layers();
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Layer layer : layers) {
            architecture = architecture.layer(layer.name()).definedBy(holds(layer));
        }
        for (Layer layer : layers) {
            architecture = layer.mayUse().isEmpty() ? architecture.whereLayer(layer.name()).mayNotAccessAnyLayer()
                    : architecture.whereLayer(layer.name()).mayOnlyAccessLayers(layer.mayUse().toArray(String[]::new));
        }
        architecture.because("docs/architecture.md says so").check(ENGINE);
    }
}
