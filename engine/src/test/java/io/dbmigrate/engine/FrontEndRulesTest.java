package io.dbmigrate.engine;

import io.dbmigrate.engine.connection.Secret;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules the plugin's architecture test runs, tried on a package of the engine itself so that they can fail. */
class FrontEndRulesTest {

    @Test
    void shouldPassAFrontEndThatUsesOnlyTheNamedApi() {
        assertThatCode(() -> FrontEndRules.check("io.dbmigrate.engine.step",
                List.of("io.dbmigrate.engine", "io.dbmigrate.engine.api..", "io.dbmigrate.engine.step..",
                        "io.dbmigrate.engine.report..", "io.dbmigrate.engine.connection..",
                        "io.dbmigrate.engine.error.."), Set.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldFailAFrontEndThatReachesPastTheApi() {
        // the admin package uses the facade and report: leaving report out of the API must fail
        assertThatThrownBy(() -> FrontEndRules.check("io.dbmigrate.engine.admin",
                List.of("io.dbmigrate.engine", "io.dbmigrate.engine.api..", "io.dbmigrate.engine.admin..",
                        "io.dbmigrate.engine.error.."),
                Set.of(Secret.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.dbmigrate.engine.report");
    }

    @Test
    void shouldFailAFrontEndThatTouchesJdbc() {
        assertThatThrownBy(() -> FrontEndRules.check("io.dbmigrate.engine.history",
                List.of("io.dbmigrate.engine.."), Set.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.sql");
    }
}
