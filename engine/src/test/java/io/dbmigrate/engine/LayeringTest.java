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

    /** The classes a row holds; a class named in some row belongs to that row only. */
    private static DescribedPredicate<JavaClass> holds(Layer layer, Set<String> namedClasses) {
        return DescribedPredicate.describe(String.join(", ", layer.members()), type -> {
            String name = type.getName();
            String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
            for (String member : layer.members()) {
                if (namedClasses.contains(member)) {
                    if (outer.equals(member)) {
                        return true;
                    }
                } else if (namedClasses.contains(outer)) {
                    continue;
                } else if (member.endsWith("..")) {
                    String pkg = member.substring(0, member.length() - 2);
                    if (type.getPackageName().equals(pkg) || type.getPackageName().startsWith(pkg + ".")) {
                        return true;
                    }
                } else if (type.getPackageName().equals(member)) {
                    return true;
                }
            }
            return false;
        });
    }

    private static Set<String> namedClasses(List<Layer> layers) {
        return layers.stream().flatMap(l -> l.members().stream())
                .filter(m -> !m.endsWith("..") && Character.isUpperCase(m.charAt(m.lastIndexOf('.') + 1)))
                .collect(Collectors.toSet());
    }

    @Test
    void shouldReadEveryLayerOfTheDocument() throws IOException {
        List<Layer> layers = layers();

        assertThat(layers).extracting(Layer::name).containsExactly("admin", "step", "report", "facade", "action",
                "autogen", "schema", "plan", "info", "undo", "api", "revision", "config", "connection", "lock", "history",
                "error", "sql");
        Set<String> names = layers.stream().map(Layer::name).collect(Collectors.toSet());
        assertThat(layers).allSatisfy(layer -> assertThat(names).containsAll(layer.mayUse()));
    }

    @Test
    void shouldPutEveryEngineClassInExactlyOneLayer() throws IOException {
        List<Layer> layers = layers();
        Set<String> named = namedClasses(layers);

        for (JavaClass type : ENGINE) {
            List<String> holding = layers.stream().filter(layer -> holds(layer, named).test(type)).map(Layer::name)
                    .toList();
            assertThat(holding).as(type.getName()).hasSize(1);
        }
    }

    @Test
    void shouldDependOnlyOnTheLayersTheDocumentAllows() throws IOException {
        List<Layer> layers = layers();
        Set<String> named = namedClasses(layers);
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Layer layer : layers) {
            architecture = architecture.layer(layer.name()).definedBy(holds(layer, named));
        }
        for (Layer layer : layers) {
            architecture = layer.mayUse().isEmpty() ? architecture.whereLayer(layer.name()).mayNotAccessAnyLayer()
                    : architecture.whereLayer(layer.name()).mayOnlyAccessLayers(layer.mayUse().toArray(String[]::new));
        }
        architecture.because("docs/architecture.md says so").check(ENGINE);
    }
}
