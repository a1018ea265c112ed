package io.dbmigrate.engine;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

/** The engine is plain Java: no Jenkins and no command-line types, so the plugin and the CLI only adapt it. */
@AnalyzeClasses(packages = "io.dbmigrate.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_JENKINS_OR_CLI_TYPES = noClasses().that().resideInAPackage("io.dbmigrate.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "picocli..")
            .because("the engine runs on agents and from the CLI; only plugin/ and cli/ adapt it");

    @ArchTest
    // "io.dbmigrate.(**)" and not "engine.(**)": the root package (the facade) is a slice of its own too
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.dbmigrate.(**)").should().beFreeOfCycles()
            .because("each package can then be read, tested and changed from the bottom up");

    @ArchTest
    static final ArchRule NO_PRINTING = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .because("results carry messages and progress goes to a listener; stdout belongs to --json");
}
