package io.dbmigrate.engine;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules every front end of the engine keeps (docs/architecture.md), for a front end whose build cannot run
 * ArchUnit rules of its own: the plugin calls {@link #check} from a plain test, and its signature names no ArchUnit
 * type, so compiling that test needs only this class.
 */
public final class FrontEndRules {
    private FrontEndRules() {
    }

    /**
     * Fails when a class of {@code frontEnd} (a package, with its subpackages) reaches the engine outside
     * {@code apiPackages} (each without its subpackages unless it ends in {@code ..}) and {@code apiClasses}, touches
     * JDBC, Flyway or the PostgreSQL driver, or when the front end's packages form a cycle.
     */
    public static void check(String frontEnd, List<String> apiPackages, Set<Class<?>> apiClasses) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(frontEnd, "io.dbmigrate.engine");
        noClasses().that().resideInAPackage(frontEnd + "..")
                .should().dependOnClassesThat(resideInAPackage("io.dbmigrate.engine..")
                        .and(not(resideInAnyPackage(apiPackages.toArray(String[]::new))))
                        .and(not(JavaClass.Predicates.belongToAnyOf(apiClasses.toArray(Class<?>[]::new)))))
                .because("a front end reaches the engine through its API only")
                .check(classes);
        noClasses().that().resideInAPackage(frontEnd + "..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.flywaydb..",
                        "org.postgresql..")
                .because("the database is reached through the engine only")
                .check(classes);
        slices().matching(frontEnd + ".(**)").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }
}
