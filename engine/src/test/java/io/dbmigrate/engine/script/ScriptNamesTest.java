package io.dbmigrate.engine.script;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.internal.resource.ResourceName;
import org.flywaydb.core.internal.resource.ResourceNameParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Our one reading of script names gives the version Flyway's own ResourceNameParser gives, name for name. */
class ScriptNamesTest {
    private static final ResourceNameParser FLYWAY = new ResourceNameParser(Flyway.configure());

    @ParameterizedTest
    @ValueSource(strings = {"V1__init.sql", "V2.sql", "V3__upper.SQL", "V4__mixed.Sql", "V1_1__x.sql", "V1.2.3__x.sql",
            "V010__leading_zero.sql", "V1_x.sql", "V1.2a__x.sql", "v5__lower.sql", "V__no_version.sql", "V1__x.sql.txt",
            "Vx__x.sql", "V1__two__separators.sql"})
    void shouldReadAVersionedNameAsFlywayDoes(String name) {
        ResourceName flyway = FLYWAY.parse(name);
        boolean flywayReadsAVersion = offered(name) && flyway.isValid() && flyway.getPrefix().equals("V");

        assertThat(ScriptNames.versioned(name).map(v -> v.version().getVersion()))
                .as(name).isEqualTo(flywayReadsAVersion
                        ? Optional.of(flyway.getVersion().getVersion()) : Optional.empty());
        // an undo script is named as its V is, with U for V
        String undo = name.startsWith("V") ? "U" + name.substring(1) : name;
        assertThat(ScriptNames.undoVersion(undo).isPresent()).as(undo).isEqualTo(flywayReadsAVersion);
    }

    @ParameterizedTest
    @ValueSource(strings = {"R__view.sql", "R__view.SQL", "R1__view.sql", "Rview.sql", "R__x.sql.bak"})
    void shouldReadARepeatableNameAsFlywayDoes(String name) {
        ResourceName flyway = FLYWAY.parse(name);

        assertThat(ScriptNames.isScript(name)).as(name)
                .isEqualTo(offered(name) && flyway.isValid() && flyway.getPrefix().equals("R"));
    }

    /** Flyway's scanner offers the parser only files that end in the suffix, in any case (Scanner.getResources). */
    private static boolean offered(String name) {
        return name.toUpperCase(Locale.ROOT).endsWith(".SQL");
    }
}
