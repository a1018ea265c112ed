package io.dbmigrate.engine.step;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The step's decisions live in the engine, so the engine must stay free of Jenkins types. */
class StepArchitectureTest {

    @Test
    void shouldKeepJenkinsTypesOutOfTheEngine() {
        JavaClasses engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dbmigrate.engine");

        noClasses().should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..",
                "org.kohsuke.stapler..", "com.cloudbees..").check(engine);
    }
}
