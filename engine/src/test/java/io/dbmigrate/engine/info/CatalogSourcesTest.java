package io.dbmigrate.engine.info;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Locations the Flyway-free reading leaves to Flyway still give the same info: a classpath: location. */
@ExtendWith(PostgresExtension.class)
class CatalogSourcesTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    @Test
    void shouldListTheSameMigrationsFromAClasspathLocationAsFromTheFolder(TestDatabase db) throws Exception {
        Path dir = Fixtures.copy("reversible-three", tmp.resolve("m"));
        assertThat(engine.run(Requests.of(db, Action.UPGRADE, "2", dir)).success()).isTrue();

        MigrationResult fromFolder = engine.run(Requests.of(db, Action.INFO, "", Fixtures.copy("reversible-three",
                tmp.resolve("again"))));
        MigrationResult fromClasspath = engine.run(Requests.on(db, Action.INFO, dir)
                .locations(List.of("classpath:migrations/reversible-three")).build());

        assertThat(fromClasspath.success()).as(fromClasspath.message()).isTrue();
        assertThat(fromClasspath.migrations()).extracting(MigrationStep::version, MigrationStep::script,
                MigrationStep::state).containsExactlyElementsOf(fromFolder.migrations().stream()
                .map(s -> org.assertj.core.groups.Tuple.tuple(s.version(), s.script(), s.state())).toList());
        assertThat(fromFolder.migrations()).extracting(step -> step.state().label())
                .containsExactly("Success", "Success", "Pending");
        assertThat(fromClasspath.currentRevision()).isEqualTo(fromFolder.currentRevision()).isEqualTo("2");
    }
}
