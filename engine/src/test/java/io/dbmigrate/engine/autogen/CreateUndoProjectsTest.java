package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.testing.Fixtures;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small V-script sets written in the style of public Flyway PostgreSQL projects (kestra's jdbc-postgres, hawkbit,
 * marquez, uaa; our own files, none of theirs): {@code create --undo} followed by {@code verify --allow-irreversible}
 * succeeds, and the V scripts left without an undo are exactly those that change data that exists before them. Not in
 * the version matrix: CreateUndoKindsTest covers what each version's catalog does, this class the coverage figures.
 */
@ExtendWith(PostgresExtension.class)
class CreateUndoProjectsTest {
    @TempDir
    Path tmp;

    /** A project and the V scripts that must be listed, not given an undo. */
    record Project(String name, List<String> listed) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Project> projects() {
        return Stream.of(
                new Project("undo-kestra-style", List.of("V1_11__queues_cleanup.sql")),
                new Project("undo-hawkbit-style", List.of("V1_10_0__action_status_default___POSTGRESQL.sql",
                        "V1_12_2__lower_controller_id___POSTGRESQL.sql")),
                new Project("undo-marquez-style", List.of("V13__drop_runs_state_column.sql",
                        "V14__namespace_owner_default.sql")),
                new Project("undo-uaa-style", List.of("V2_8__drop_sec_audit.sql")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projects")
    void shouldWriteProvenUndoScriptsForAllButTheDataChangesAndVerify(Project project, TestDatabase db) {
        UndoProject folder = new UndoProject(Fixtures.copy(project.name(), tmp));

        MigrationResult created = folder.createUndo(db);
        MigrationResult verified = folder.run(db, Action.VERIFY, "");
        MigrationResult verifiedAllowing = new io.dbmigrate.engine.MigrationEngine().run(folder.request(db,
                Action.VERIFY).allowIrreversible(true).build());

        assertThat(created.success()).as(created.message()).isTrue();
        List<MigrationStep> steps = created.migrations();
        List<String> listed = steps.stream().filter(s -> !s.reversible()).map(MigrationStep::script).toList();
        assertThat(listed).as(String.join("\n", created.warnings())).isEqualTo(project.listed());
        assertThat(verified.success()).isFalse();
        assertThat(verifiedAllowing.success()).as(verifiedAllowing.message()).isTrue();
        long written = steps.size() - listed.size();
        long millis = steps.stream().mapToLong(MigrationStep::millis).sum();
        System.out.printf("create --undo %s: %d of %d V scripts got a proven undo (%d %%), %d ms per V script%n",
                project.name(), written, steps.size(), 100 * written / steps.size(), millis / steps.size());
        created.warnings().forEach(w -> System.out.println("  " + w));
    }
}
