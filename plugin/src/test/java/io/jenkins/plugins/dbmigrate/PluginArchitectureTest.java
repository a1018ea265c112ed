package io.jenkins.plugins.dbmigrate;

import io.dbmigrate.engine.FrontEndRules;
import io.dbmigrate.engine.connection.Secret;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

/**
 * The plugin only adapts the engine (docs/architecture.md): it talks to it through its API, and never to the database
 * or Flyway itself, which run on the agent inside the engine. The rules live in the engine's test jar
 * ({@link FrontEndRules}, tried there so that they can fail).
 */
class PluginArchitectureTest {

    @Test
    void shouldReachTheEngineOnlyThroughItsApi() {
        FrontEndRules.check("io.jenkins.plugins.dbmigrate",
                List.of("io.dbmigrate.engine", "io.dbmigrate.engine.api..", "io.dbmigrate.engine.step..",
                        "io.dbmigrate.engine.admin..", "io.dbmigrate.engine.error.."),
                Set.of(Secret.class));
    }
}
