package io.jenkins.plugins.dbmigrate;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.dbmigrate.engine.connection.Secret;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The plugin only adapts the engine (docs/architecture.md): it talks to it through its API, and never to the database
 * or Flyway itself, which run on the agent inside the engine.
 */
@AnalyzeClasses(packages = {"io.jenkins.plugins.dbmigrate", "io.dbmigrate.engine"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class PluginArchitectureTest {

    @ArchTest
    static final ArchRule ENGINE_ONLY_THROUGH_ITS_API = noClasses()
            .that().resideInAPackage("io.jenkins.plugins.dbmigrate..")
            .should().dependOnClassesThat(resideInAPackage("io.dbmigrate.engine..")
                    .and(not(resideInAnyPackage("io.dbmigrate.engine", "io.dbmigrate.engine.step..",
                            "io.dbmigrate.engine.admin..", "io.dbmigrate.engine.error..")))
                    .and(not(JavaClass.Predicates.equivalentTo(Secret.class))))
            .because("the engine's API is its root package (facade and values), step, admin, error and Secret");

    @ArchTest
    static final ArchRule NO_JDBC_OR_FLYWAY = noClasses().that().resideInAPackage("io.jenkins.plugins.dbmigrate..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.flywaydb..",
                    "org.postgresql..")
            .because("the database is reached on the agent, through the engine only");

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.jenkins.plugins.dbmigrate.(**)").should()
            .beFreeOfCycles().allowEmptyShould(true);
}
