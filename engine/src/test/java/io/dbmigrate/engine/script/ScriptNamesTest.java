package io.dbmigrate.engine.script;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.extensibility.ResourceTypeProvider;
import org.flywaydb.core.internal.resource.ResourceName;
import org.flywaydb.core.internal.resource.ResourceNameParser;
import org.flywaydb.core.internal.util.Pair;
import org.flywaydb.core.internal.util.StringUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our one reading of script names gives what Flyway's own scanner and ResourceNameParser give, name for name: the
 * undo machinery's reading and the Flyway-free info read both rest on it.
 */
class ScriptNamesTest {
    private static final ResourceNameParser FLYWAY = new ResourceNameParser(Flyway.configure());

    @ParameterizedTest
    @ValueSource(strings = {"V1__init.sql", "V2.sql", "V3__upper.SQL", "V4__mixed.Sql", "V1_1__x.sql", "V1.2.3__x.sql",
            "V010__leading_zero.sql", "V1_x.sql", "V1.2a__x.sql", "v5__lower.sql", "V__no_version.sql", "V1__x.sql.txt",
            "Vx__x.sql", "V1__two__separators.sql", "V+1__plus.sql", "Vcurrent__x.sql", "V1__long_s.\u017fql"})
    void shouldReadAVersionedNameAsFlywayDoes(String name) {
        ResourceName flyway = FLYWAY.parse(name);
        boolean flywayReadsAVersion = flyway.isValid() && flyway.getPrefix().equals("V") && offered(name, "V");

        assertThat(ScriptNames.versioned(name).map(v -> v.version().getVersion()))
                .as(name).isEqualTo(flywayReadsAVersion
                        ? Optional.of(flyway.getVersion().getVersion()) : Optional.empty());
        // an undo script is named as its V is, with U for V
        String undo = name.startsWith("V") ? "U" + name.substring(1) : name;
        assertThat(ScriptNames.undoVersion(undo).isPresent()).as(undo).isEqualTo(flywayReadsAVersion);
    }

    @ParameterizedTest
    @ValueSource(strings = {"R__view.sql", "R__view.SQL", "R1__view.sql", "Rview.sql", "R__x.sql.bak", "R.sql",
            "R__.sql"})
    void shouldReadARepeatableNameAsFlywayDoes(String name) {
        ResourceName flyway = FLYWAY.parse(name);

        assertThat(ScriptNames.isScript(name)).as(name)
                .isEqualTo(flyway.isValid() && flyway.getPrefix().equals("R") && offered(name, "R"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1__init.sql", "V2.sql", "V1_1__a_b__c.sql", "V3__upper.SQL", "R__view.sql",
            "R__a_view.sql", "R__.sql", "R__x.sql.bak"})
    void shouldReadADescriptionAsFlywayDoes(String name) {
        ResourceName flyway = FLYWAY.parse(name);

        assertThat(ScriptNames.read(name).map(ScriptName::description)).as(name)
                .isEqualTo(offered(name, flyway.getPrefix()) ? Optional.of(flyway.getDescription()) : Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1__init.sql", "V1_x.sql", "V__x.sql", "R__view.sql", "R1__view.sql", "B2__base.sql",
            "B__base.sql", "beforeMigrate.sql", "afterMigrate__log.sql", "beforeMigrate1__x.sql", "U1__undo.sql",
            "U1_undo.sql", "U__undo.sql", "U1.2a__x.sql", "u1__lower.sql", "notes.sql", "v1__lower.sql"})
    void shouldFindANameValidWhereFlywaysValidatorDoes(String name) {
        assertThat(ScriptNames.validForFlyway(name)).as(name).isEqualTo(FLYWAY.parse(name).isValid());
    }

    /**
     * U is a Flyway prefix only through db-migrate's plugin: Flyway's own resource types (what stock Flyway has) give
     * V, R, B and the callback events, which is why README says stock Flyway refuses undo scripts with its name check
     * on. Flyway finds plugins through its own class loader, so the plugin is found wherever the engine sits beside it.
     */
    @Test
    void shouldMakeUAFlywayPrefixOnlyThroughThePlugin() {
        FluentConfiguration flyway = Flyway.configure();
        List<ResourceTypeProvider> providers = flyway.getPluginRegister().getInstancesOf(ResourceTypeProvider.class);
        List<String> stockPrefixes = providers.stream().filter(p -> !(p instanceof UndoScriptNames))
                .flatMap(p -> p.getPrefixTypePairs(flyway).stream()).map(Pair::getLeft).toList();

        assertThat(providers).hasAtLeastOneElementOfType(UndoScriptNames.class);
        assertThat(stockPrefixes).contains("V", "R", "B", "beforeMigrate").doesNotContain("U");
        assertThat(FLYWAY.parse("U1__undo.sql").isValid()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"beforeUndo.sql, beforeUndo", "beforeUndo__log.sql, beforeUndo", "afterUndo__a_b.SQL, afterUndo",
            "someEvent.sql, someEvent", "beforeUndo__.sql, ''", "beforeUndo.sql.txt, ''", "V1__x.sql, ''",
            "before_undo.sql, ''"})
    void shouldReadTheEventOfACallbackName(String name, String event) {
        assertThat(ScriptNames.callbackEvent(name)).as(name)
                .isEqualTo(event.isEmpty() ? Optional.empty() : Optional.of(event));
    }

    @Test
    void shouldWriteNamesItReadsBack() {
        String versioned = ScriptNames.fileName(ScriptNames.VERSIONED, "3", "add_index");
        String undo = ScriptNames.undoNameOf(versioned);

        assertThat(versioned).isEqualTo("V3__add_index.sql");
        assertThat(undo).isEqualTo("U3__add_index.sql");
        assertThat(ScriptNames.read(versioned).map(ScriptName::description)).contains("add index");
        assertThat(ScriptNames.undoVersion(undo).map(MigrationVersion::getVersion)).contains("3");
    }

    /** Whether Flyway's scanner offers the parser this file for a prefix: Scanner.getResources' own test. */
    private static boolean offered(String name, String prefix) {
        return StringUtils.startsAndEndsWith(name, prefix, Flyway.configure().getSqlMigrationSuffixes());
    }
}
