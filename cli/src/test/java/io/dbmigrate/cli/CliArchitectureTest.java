package io.dbmigrate.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The CLI is a front end (docs/architecture.md): it reads the command line and shows results, the engine decides. */
@AnalyzeClasses(packages = "io.dbmigrate", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {

    @ArchTest
    static final ArchRule NO_CYCLES_BETWEEN_CLI_AND_ENGINE = slices().matching("io.dbmigrate.(*)..").should()
            .beFreeOfCycles().because("the engine knows no front end");

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.dbmigrate.cli.(**)").should().beFreeOfCycles()
            .allowEmptyShould(true).because("each package can then be read, tested and changed from the bottom up");

    @ArchTest
    static final ArchRule ENGINE_THROUGH_ITS_API = noClasses().that().resideInAPackage("io.dbmigrate.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("io.dbmigrate.engine.action..",
                    "io.dbmigrate.engine.undo..", "io.dbmigrate.engine.autogen..", "io.dbmigrate.engine.schema..",
                    "io.dbmigrate.engine.plan..", "io.dbmigrate.engine.history..", "io.dbmigrate.engine.lock..",
                    "io.dbmigrate.engine.sql..", "io.dbmigrate.engine.script..", "io.dbmigrate.engine.info..",
                    "org.flywaydb..")
            .because("the CLI hands a request to MigrationEngine and shows the result; it runs no action itself");
}
